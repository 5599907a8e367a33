package io.disco.signal.transport;

import io.disco.signal.router.Outbox;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampSerializer;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a session's messages without blocking the thread that routes them. Messages not yet
 * written to the network are counted; a client that lets more than the limit pile up is too
 * slow to keep, and is disconnected rather than allowed to stall others or grow the heap.
 */
final class WebSocketOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketOutbox.class);

    private final Session socket;
    private final WampSerializer serializer;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();
    private final Callback written = Callback.from(queued::decrementAndGet, failure -> queued.decrementAndGet());

    WebSocketOutbox(Session socket, WampSerializer serializer, int maxQueued) {
        this.socket = socket;
        this.serializer = serializer;
        this.maxQueued = maxQueued;
    }

    @Override
    public void send(WampMessage message) {
        if (!socket.isOpen()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            LOG.warn("Disconnecting {}: more than {} messages waiting to be sent", socket.getRemoteSocketAddress(),
                    maxQueued);
            socket.close(StatusCode.TRY_AGAIN_LATER, "too slow to read its messages", Callback.NOOP);
            socket.disconnect();
            return;
        }
        if (serializer.isText()) {
            socket.sendText(serializer.encodeText(message), written);
        } else {
            socket.sendBinary(ByteBuffer.wrap(serializer.encode(message)), written);
        }
    }

    @Override
    public void close() {
        socket.close(StatusCode.NORMAL, null, Callback.NOOP);
    }
}
