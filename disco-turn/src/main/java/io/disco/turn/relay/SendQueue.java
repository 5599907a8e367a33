package io.disco.turn.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The bytes a stream client has not taken yet. It starts small and grows while the client lags,
 * up to a bound: a client that stops reading is disconnected, never buffered for without end.
 * Not thread-safe: its {@link TcpConnection} guards it.
 */
final class SendQueue {

    private final int limit;
    private ByteBuffer bytes;

    SendQueue(int initial, int limit) {
        this.bytes = ByteBuffer.allocate(initial);
        this.limit = limit;
    }

    /** The buffer to append to, in write mode; it is replaced when the queue grows. */
    ByteBuffer buffer() {
        return bytes;
    }

    boolean isEmpty() {
        return bytes.position() == 0;
    }

    /** Doubles the room; false when the queue is at its bound already. */
    boolean grow() {
        if (bytes.capacity() >= limit) {
            return false;
        }
        ByteBuffer larger = ByteBuffer.allocate(Math.min(limit, bytes.capacity() * 2));
        bytes.flip();
        larger.put(bytes);
        bytes = larger;
        return true;
    }

    /** Appends what remains of {@code source}; false when it does not fit within the bound. */
    boolean add(ByteBuffer source) {
        while (bytes.remaining() < source.remaining()) {
            if (!grow()) {
                return false;
            }
        }
        bytes.put(source);
        return true;
    }

    /** Writes as much as the socket takes now. */
    void writeTo(SocketChannel channel) throws IOException {
        bytes.flip();
        try {
            channel.write(bytes);
        } finally {
            bytes.compact();
        }
    }
}
