package io.disco.signal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A socket endpoint that takes a read which left room in the buffer as having emptied the socket,
 * as Netty does: the next read returns nothing without asking the kernel, and the connection
 * waits for the selector instead.
 *
 * <p>Jetty's TLS and websocket connections read until a read returns nothing, so each readable
 * socket cost two read system calls, the second one to learn there was nothing more: a third of
 * the router's reads per routed call. Guessing wrong costs little, the selector's readiness is
 * level-triggered: bytes that arrived in between wake the selector at once.
 */
final class ShortReadEndPoint extends SocketChannelEndPoint {

    // Filled by one thread at a time (Jetty's fill interest), but not always the same one.
    private volatile boolean drained;

    ShortReadEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
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
}
