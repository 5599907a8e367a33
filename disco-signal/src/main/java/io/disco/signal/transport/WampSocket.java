package io.disco.signal.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.router.Connection;
import io.disco.signal.router.Router;
import io.disco.signal.wamp.ProtocolViolation;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampSerializer;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client's websocket: frames in, decoded once into typed messages for the router; messages
 * out through a {@link WebSocketOutbox}. Jetty delivers a socket's frames one at a time. Public
 * because Jetty calls its listener methods through method handles.
 */
public final class WampSocket implements Session.Listener.AutoDemanding {

    private final Router router;
    private final WampSerializer serializer;
    private final int maxQueued;
    private final Keepalive keepalive;
    private final Clock clock;
    private volatile Session socket;
    private volatile Connection connection;
    private volatile long lastHeard;

    WampSocket(Router router, WampSerializer serializer, int maxQueued, Keepalive keepalive, Clock clock) {
        this.router = router;
        this.serializer = serializer;
        this.maxQueued = maxQueued;
        this.keepalive = keepalive;
        this.clock = clock;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        socket = session;
        heard();
        ObjectNode transport = WampCodec.dict();
        transport.put("type", "websocket");
        transport.put("protocol", serializer.subprotocol());
        transport.put("peer", String.valueOf(session.getRemoteSocketAddress()));
        connection = router.connect(new WebSocketOutbox(session, serializer, maxQueued), transport);
        keepalive.watch(this);
    }

    @Override
    public void onWebSocketText(String frame) {
        heard();
        if (!serializer.isText()) {
            connection.violation("text frame on " + serializer.subprotocol() + ", which is binary");
            return;
        }
        try {
            connection.receive(serializer.decode(frame));
        } catch (ProtocolViolation e) {
            connection.violation(e.getMessage());
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer frame, Callback callback) {
        heard();
        try {
            if (serializer.isText()) {
                connection.violation("binary frame on " + serializer.subprotocol() + ", which is text");
                return;
            }
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            connection.receive(serializer.decode(bytes));
        } catch (ProtocolViolation e) {
            connection.violation(e.getMessage());
        } finally {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        heard();
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        heard();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        ended();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        ended();
    }

    /** Ends the session now and cuts the connection without a closing handshake. */
    void drop() {
        Session current = socket;
        if (current != null) {
            current.disconnect();
        }
        ended();
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

    Session socket() {
        return socket;
    }
}
