package io.disco.signal.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.router.Connection;
import io.disco.signal.router.Router;
import io.disco.signal.wamp.ProtocolViolation;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampSerializer;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;

/**
 * One client's websocket: frames in, decoded once into typed messages for the router; messages
 * out through a {@link WebSocketOutbox}.
 *
 * <p>Written on Jetty's core websocket API rather than its endpoint API so that a text frame's
 * UTF-8 bytes go straight to the JSON parser: the endpoint API would first build a Java string of
 * every message (validating it byte by byte) only for the parser to read it back, which was a
 * fifth of the router's CPU per routed call. Jetty calls {@link #onFrame} for one socket at a
 * time, and again only after the previous frame's callback completed and more was demanded.
 */
final class WampSocket implements FrameHandler {

    private final Router router;
    private final WampSerializer serializer;
    private final int maxQueued;
    private final Keepalive keepalive;
    private final MessageMeters meters;
    private final Clock clock;
    private final FragmentedMessage fragments;
    private volatile CoreSession socket;
    private volatile Connection connection;
    private volatile long lastHeard;

    WampSocket(Router router, WampSerializer serializer, WebSocketSettings settings, Keepalive keepalive,
               MessageMeters meters, Clock clock) {
        this.router = router;
        this.meters = meters;
        this.serializer = serializer;
        this.maxQueued = settings.maxQueued();
        this.keepalive = keepalive;
        this.clock = clock;
        this.fragments = new FragmentedMessage((int) settings.maxMessageBytes());
    }

    @Override
    public void onOpen(CoreSession session, Callback callback) {
        socket = session;
        heard();
        ObjectNode transport = WampCodec.dict();
        transport.put("type", "websocket");
        transport.put("protocol", serializer.subprotocol());
        transport.put("peer", String.valueOf(session.getRemoteAddress()));
        connection = router.connect(new WebSocketOutbox(session, serializer, maxQueued, meters), transport);
        keepalive.watch(this);
        callback.succeeded();
        session.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        heard();
        try {
            switch (frame.getOpCode()) {
                case OpCode.TEXT, OpCode.BINARY -> dataFrame(frame);
                case OpCode.CONTINUATION -> continuation(frame);
                case OpCode.PING -> {
                    pong(frame, callback);
                    return;
                }
                default -> {
                    // A PONG needs nothing; Jetty's core session answers CLOSE itself.
                }
            }
            callback.succeeded();
        } catch (MessageTooLargeException e) {
            fragments.reset();
            callback.failed(e);
            return;
        }
        socket.demand();
    }

    /**
     * Answers a PING with a PONG carrying its payload (RFC 6455, 5.5.2): Jetty's core session
     * leaves that to the frame handler. The pong is sent from the ping's own buffer, so the frame
     * is done, and the next one read, once the pong is written: a peer pinging faster than it
     * reads its pongs is slowed down rather than queued for.
     */
    private void pong(Frame ping, Callback callback) {
        socket.sendFrame(new Frame(OpCode.PONG, true, ping.getPayload()), Callback.from(() -> {
            callback.succeeded();
            socket.demand();
        }, callback::failed), false);
    }

    private void dataFrame(Frame frame) {
        if ((frame.getOpCode() == OpCode.TEXT) != serializer.isText()) {
            connection.violation((serializer.isText() ? "binary" : "text") + " frame on " + serializer.subprotocol()
                    + ", which is " + (serializer.isText() ? "text" : "binary"));
            return;
        }
        if (frame.isFin()) {
            // Jetty's parser has refused a frame over the limit already (WampEndpoint.customize).
            receive(frame.getPayload());
        } else {
            fragments.start(frame.getPayload());
        }
    }

    private void continuation(Frame frame) {
        if (!fragments.isStarted()) {
            // Jetty's parser refuses a continuation with no message open; a text/binary mismatch
            // refused above leaves its continuations here, to be skipped.
            return;
        }
        fragments.append(frame.getPayload());
        if (frame.isFin()) {
            receive(fragments.finish());
        }
    }

    private void receive(ByteBuffer message) {
        meters.received(message.remaining());
        try {
            connection.receive(serializer.decode(message));
        } catch (ProtocolViolation e) {
            connection.violation(e.getMessage());
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        ended();
        callback.succeeded();
    }

    /** Ends the session now and cuts the connection without a closing handshake. */
    void drop() {
        CoreSession current = socket;
        if (current != null) {
            current.abort();
        }
        ended();
    }

    void ping(ByteBuffer payload) {
        CoreSession current = socket;
        if (current != null && current.isOutputOpen()) {
            current.sendFrame(new Frame(OpCode.PING, payload), Callback.NOOP, false);
        }
    }

    private void ended() {
        keepalive.forget(this);
        Connection current = connection;
        if (current != null) {
            current.closed();
        }
    }

    private void heard() {
        lastHeard = clock.millis();
    }

    long lastHeard() {
        return lastHeard;
    }

    String peer() {
        CoreSession current = socket;
        return current == null ? "?" : String.valueOf(current.getRemoteAddress());
    }
}
