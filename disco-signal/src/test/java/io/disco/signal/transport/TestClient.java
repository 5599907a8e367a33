package io.disco.signal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.common.tls.ClientTrust;
import io.disco.signal.wamp.ProtocolViolation;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampSerializer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A bare WAMP peer for tests: sends exactly the messages a test writes and records every
 * message and close it gets, so tests can check the router's answers frame by frame.
 */
public final class TestClient implements Session.Listener.AutoDemanding, AutoCloseable {

    public static final long TIMEOUT_SECONDS = 10;

    private final WebSocketClient client;
    private final WampSerializer serializer;
    private final BlockingQueue<WampMessage> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile Session session;

    private TestClient(WebSocketClient client, WampSerializer serializer) {
        this.client = client;
        this.serializer = serializer;
    }

    /** Opens a websocket to {@code uri} offering {@code serializer}'s subprotocol. */
    public static TestClient connect(URI uri, WampSerializer serializer) throws Exception {
        return connect(uri, serializer, List.of(serializer.subprotocol()));
    }

    public static TestClient connect(URI uri, WampSerializer serializer, List<String> subprotocols) throws Exception {
        return connect(uri, serializer, subprotocols, ClientTrust.skipVerify());
    }

    /** Trusting only what {@code trust} trusts, the router's name checked against its certificate when it says so. */
    public static TestClient connect(URI uri, WampSerializer serializer, ClientTrust trust) throws Exception {
        return connect(uri, serializer, List.of(serializer.subprotocol()), trust);
    }

    private static TestClient connect(URI uri, WampSerializer serializer, List<String> subprotocols, ClientTrust trust)
            throws Exception {
        WebSocketClient client = newClient(trust);
        TestClient peer = new TestClient(client, serializer);
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setSubProtocols(subprotocols);
        client.connect(peer, uri, request).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return peer;
    }

    private static WebSocketClient newClient(ClientTrust trust) throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(trust.sslContext());
        tls.setEndpointIdentificationAlgorithm(trust.verifiesHostname() ? "HTTPS" : null);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        WebSocketClient client = new WebSocketClient(new HttpClient(new org.eclipse.jetty.client.transport
                .HttpClientTransportOverHTTP(connector)));
        client.setMaxTextMessageSize(8 << 20);
        client.setMaxBinaryMessageSize(8 << 20);
        client.start();
        return client;
    }

    /** HELLO with the roles (and callee features) Autobahn announces; returns the WELCOME. */
    public WampMessage.Welcome join(String realm) throws Exception {
        send(new WampMessage.Hello(realm, helloDetails(true)));
        return expect(WampMessage.Welcome.class);
    }

    public static ObjectNode helloDetails(boolean calleeCancels) {
        ObjectNode details = WampCodec.dict();
        ObjectNode roles = details.putObject("roles");
        roles.putObject("caller").putObject("features").put("call_canceling", true)
                .put("progressive_call_results", true).put("caller_identification", true);
        ObjectNode callee = roles.putObject("callee").putObject("features");
        callee.put("progressive_call_results", true);
        if (calleeCancels) {
            callee.put("call_canceling", true);
        }
        roles.putObject("publisher").putObject("features").put("publisher_exclusion", true);
        roles.putObject("subscriber").putObject("features").put("pattern_based_subscription", true);
        return details;
    }

    public long nextRequest() {
        return requests.incrementAndGet();
    }

    public void send(WampMessage message) {
        if (serializer.isText()) {
            session.sendText(serializer.encodeText(message), Callback.NOOP);
        } else {
            session.sendBinary(ByteBuffer.wrap(serializer.encode(message)), Callback.NOOP);
        }
    }

    public void sendRawText(String text) {
        session.sendText(text, Callback.NOOP);
    }

    public <T extends WampMessage> T expect(Class<T> type) throws InterruptedException {
        WampMessage message = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (message == null) {
            fail("no " + type.getSimpleName() + " within " + TIMEOUT_SECONDS + " s");
        }
        return assertInstanceOf(type, message, "expected " + type.getSimpleName());
    }

    /** The error a request got, checked for its type and URI. */
    public WampMessage.Error expectError(int requestType, long request, String uri) throws InterruptedException {
        WampMessage.Error error = expect(WampMessage.Error.class);
        assertEquals(requestType, error.requestType());
        assertEquals(request, error.request());
        assertEquals(uri, error.error());
        return error;
    }

    /** The next message if one arrives within {@code millis}, else null. */
    public WampMessage poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Nothing arrives within {@code millis}. */
    public void expectNothing(long millis) throws InterruptedException {
        WampMessage message = received.poll(millis, TimeUnit.MILLISECONDS);
        if (message != null) {
            fail("unexpected " + message);
        }
    }

    public int awaitClose() throws Exception {
        return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public boolean isOpen() {
        return session != null && session.isOpen();
    }

    public static ArrayNode args(Object... values) {
        ArrayNode args = WampCodec.list();
        for (Object value : values) {
            args.addPOJO(value);
        }
        return args;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        decoded(() -> serializer.decode(message));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        decoded(() -> serializer.decode(bytes));
        callback.succeed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed.complete(statusCode);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed.complete(-1);
    }

    private interface Decode {
        WampMessage decode() throws ProtocolViolation;
    }

    private void decoded(Decode decode) {
        try {
            received.add(decode.decode());
        } catch (ProtocolViolation e) {
            throw new AssertionError("the router sent an unreadable frame: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        if (session != null) {
            session.close();
        }
        client.stop();
    }
}
