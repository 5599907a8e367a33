package io.disco.signal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.util.BufferUtil;
import org.junit.jupiter.api.Test;

class ShortReadEndPointTest {

    @Test
    void aReadThatLeavesRoomIsTakenAsHavingEmptiedTheSocket() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel peer = SocketChannel.open(listener.getLocalAddress());
             SocketChannel accepted = listener.accept()) {
            // Blocking, so each real read waits for the bytes written before it.
            ShortReadEndPoint endPoint = new ShortReadEndPoint(accepted, null, null, null);
            ByteBuffer buffer = BufferUtil.allocate(64);

            peer.write(ByteBuffer.wrap(new byte[10]));
            assertEquals(10, endPoint.fill(buffer));
            peer.write(ByteBuffer.wrap(new byte[5]));
            assertEquals(0, endPoint.fill(buffer), "a short read is followed by a guess, not a read");
            assertEquals(5, endPoint.fill(buffer), "the guess is made once; then the socket is read");

            // That read was short too: its guess comes next.
            ByteBuffer small = BufferUtil.allocate(4);
            assertEquals(0, endPoint.fill(small));

            // A read that fills the buffer says nothing about the socket: the next one reads.
            peer.write(ByteBuffer.wrap(new byte[8]));
            assertEquals(4, endPoint.fill(small));
            BufferUtil.clear(small);
            assertEquals(4, endPoint.fill(small));
        }
    }
}
