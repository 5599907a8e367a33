package io.disco.signal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.util.BufferUtil;
import org.junit.jupiter.api.Test;

class EventLoopEndPointTest {

    @Test
    void aReadThatLeavesRoomIsTakenAsHavingEmptiedTheSocket() throws Exception {
        try (Connected connected = Connected.open()) {
            // Blocking, so each real read waits for the bytes written before it.
            EventLoopEndPoint endPoint = connected.endPoint();
            SocketChannel peer = connected.peer();
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

    @Test
    void oneBufferOrSeveralAreWrittenInOrderAndReportedDone() throws Exception {
        try (Connected connected = Connected.open()) {
            EventLoopEndPoint endPoint = connected.endPoint();
            ByteBuffer one = ByteBuffer.wrap(new byte[] {1, 2, 3});
            assertTrue(endPoint.flush(one));
            assertFalse(one.hasRemaining());
            assertTrue(endPoint.flush(ByteBuffer.wrap(new byte[] {4}), ByteBuffer.wrap(new byte[] {5, 6})));

            ByteBuffer received = ByteBuffer.allocate(6);
            while (received.hasRemaining()) {
                connected.peer().read(received);
            }
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, received.array());
        }
    }

    @Test
    void aBufferTheKernelCannotTakeWholeIsReportedUnfinished() throws Exception {
        try (Connected connected = Connected.open()) {
            connected.accepted().configureBlocking(false);
            EventLoopEndPoint endPoint = connected.endPoint();
            // The peer reads nothing: some flush of 1 MiB must find the socket's buffers full.
            ByteBuffer big = ByteBuffer.allocate(1 << 20);
            boolean done = true;
            for (int i = 0; i < 64 && done; i++) {
                done = endPoint.flush(big.clear());
            }
            assertFalse(done);
            assertTrue(big.hasRemaining(), "what was not written stays in the buffer for the next flush");
        }
    }

    @Test
    void aWriteToAConnectionThePeerResetIsEndOfFile() throws Exception {
        try (Connected connected = Connected.open()) {
            connected.peer().setOption(StandardSocketOptions.SO_LINGER, 0);
            connected.peer().close();   // with linger 0: a reset
            EventLoopEndPoint endPoint = connected.endPoint();
            // Jetty's write flusher fails its callbacks with EofException, not a bare IOException.
            assertThrows(EofException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    endPoint.flush(ByteBuffer.allocate(64 << 10));
                }
            });
        }
    }

    /** Both ends of a loopback connection; the accepted end is the one under test. */
    private record Connected(ServerSocketChannel listener, SocketChannel peer, SocketChannel accepted)
            implements AutoCloseable {

        static Connected open() throws Exception {
            ServerSocketChannel listener = ServerSocketChannel.open()
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel peer = SocketChannel.open(listener.getLocalAddress());
            return new Connected(listener, peer, listener.accept());
        }

        EventLoopEndPoint endPoint() {
            return new EventLoopEndPoint(accepted, null, null, null);
        }

        @Override
        public void close() throws Exception {
            try (listener; peer; accepted) {
                // closes all three, whatever fails
            }
        }
    }
}
