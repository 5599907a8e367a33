package io.disco.signal.transport;

import io.disco.signal.router.Outbox;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampSerializer;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a session's messages without blocking the thread that routes them. Messages not yet
 * written to the network are counted; a client that lets more than the limit pile up is too
 * slow to keep, and is disconnected rather than allowed to stall others or grow the heap.
 */
final class WebSocketOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketOutbox.class);

    private final CoreSession socket;
    private final WampSerializer serializer;
    private final byte opCode;
    private final int maxQueued;
    private final MessageMeters meters;
    private final AtomicInteger queued = new AtomicInteger();

    WebSocketOutbox(CoreSession socket, WampSerializer serializer, int maxQueued, MessageMeters meters) {
        this.socket = socket;
        this.meters = meters;
        this.serializer = serializer;
        this.opCode = serializer.isText() ? OpCode.TEXT : OpCode.BINARY;
        this.maxQueued = maxQueued;
    }

    @Override
    public void send(WampMessage message) {
        if (!socket.isOutputOpen()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            LOG.warn("Disconnecting {}: more than {} messages waiting to be sent", socket.getRemoteAddress(),
                    maxQueued);
            meters.slowConsumerDropped();
            socket.close(CloseStatus.TRY_AGAIN_LATER, "too slow to read its messages", Callback.NOOP);
            socket.abort();
            return;
        }
        // One frame per message; the JSON serializer's bytes are UTF-8, as a text frame needs. The
        // bytes wait for the network in a pooled buffer, so routing a message allocates little and
        // the garbage collector, whose pauses are the router's worst latencies, runs seldom.
        ByteBuffer encoded = serializer.encodeTransient(message);
        meters.sent(encoded.remaining());
        RetainableByteBuffer.Mutable payload = socket.getByteBufferPool().acquire(encoded.remaining(), false);
        payload.append(encoded);
        socket.sendFrame(new Frame(opCode, true, payload.getByteBuffer()), new Written(payload), false);
    }

    /** Ends one message's wait for the network, sent or not. */
    private final class Written implements Callback {

        private final RetainableByteBuffer payload;

        Written(RetainableByteBuffer payload) {
            this.payload = payload;
        }

        @Override
        public void succeeded() {
            done();
        }

        @Override
        public void failed(Throwable cause) {
            done();
        }

        private void done() {
            payload.release();
            queued.decrementAndGet();
        }
    }

    @Override
    public void close() {
        socket.close(CloseStatus.NORMAL, null, Callback.NOOP);
    }
}
