package io.disco.signal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.WebSocketConnection;

/**
 * The signaling connector's socket endpoint: Jetty's, with two system calls made cheaper and
 * the work of joining set apart.
 *
 * <p>A read that leaves room in the buffer is taken as having emptied the socket, as Netty does:
 * the next read returns nothing without asking the kernel, and the connection waits for the
 * selector instead. Jetty's TLS and websocket connections read until a read returns nothing, so
 * each readable socket cost two read system calls, the second one to learn there was nothing
 * more: a third of the router's reads per routed call. Guessing wrong costs little, the
 * selector's readiness is level-triggered: bytes that arrived in between wake the selector at once.
 *
 * <p>A single buffer, which is what Jetty's TLS connection flushes, is written with one
 * {@code write} rather than a gathering {@code writev}: the JDK's gathering write looks up a
 * per-thread vector in a thread-local map crowded on the selecting threads (1.2% of the router's
 * CPU per routed call) before the kernel walks the one-element vector.
 *
 * <p>Until its websocket is up, a connection's work is marked {@link Joining}, for the connector
 * to run on its joining threads rather than the selecting thread: a TLS handshake costs
 * milliseconds of CPU (3.4 ms with the RSA test certificate), and a burst of peers joining at
 * once, as after a restart, would otherwise hold up every established session on that selector
 * for the whole burst.
 */
final class EventLoopEndPoint extends SocketChannelEndPoint {

    // Filled by one thread at a time (Jetty's fill interest), but not always the same one.
    private volatile boolean drained;
    // Read and written on this endpoint's selecting thread only.
    private boolean upgraded;

    EventLoopEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
    }

    @Override
    public Runnable onSelected() {
        Runnable task = super.onSelected();
        if (task == null || upgraded) {
            return task;
        }
        upgraded = getConnection() instanceof SslConnection tls
                && tls.getSslEndPoint().getConnection() instanceof WebSocketConnection;
        return upgraded ? task : new Joining(task);
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        if (drained) {
            drained = false;
            return 0;
        }
        int room = BufferUtil.space(buffer);
        int filled = super.fill(buffer);
        drained = filled > 0 && filled < room;
        return filled;
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        if (buffers.length != 1) {
            return super.flush(buffers);
        }
        ByteBuffer buffer = buffers[0];
        int flushed;
        try {
            flushed = getChannel().write(buffer);
        } catch (IOException e) {
            // As Jetty's own flush: the write flusher takes this as the peer having gone.
            throw new EofException(e);
        }
        if (flushed > 0) {
            notIdle();
        }
        return !buffer.hasRemaining();
    }

    /** Work of a connection not yet upgraded to a websocket: its TLS handshake, its HTTP upgrade. */
    static final class Joining implements Runnable, Closeable {

        private final Runnable task;

        private Joining(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            task.run();
        }

        /** A pool that refuses the work closes it, as it would Jetty's own task: the endpoint closes. */
        @Override
        public void close() throws IOException {
            if (task instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }
}
