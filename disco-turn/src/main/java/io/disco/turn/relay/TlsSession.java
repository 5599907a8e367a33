package io.disco.turn.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS over one non-blocking client connection: an {@link SSLEngine} between the socket and the
 * stream of STUN messages and ChannelData. Ciphertext read from the socket waits here until it
 * makes a whole record; handshake steps are taken as the engine asks for them while reading.
 *
 * <p>Threads: {@link #read} runs on the connection's selector thread only; {@link #wrap} runs
 * under the connection's lock, on whichever thread sends. The engine allows one wrap beside one
 * unwrap. Delegated tasks (the handshake's signature) run inline on the selector thread: a few
 * milliseconds per connection, once.
 */
final class TlsSession {

    private static final ByteBuffer[] NOTHING = new ByteBuffer[0];

    private final SSLEngine engine;
    private final ByteBuffer ciphertext;
    /** Set once the first handshake finished, by whichever thread's wrap or unwrap saw it. */
    private volatile boolean established;

    TlsSession(SSLEngine engine) {
        this.engine = engine;
        this.ciphertext = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    /** The largest record, the least room the send queue needs. */
    int packetSize() {
        return engine.getSession().getPacketBufferSize();
    }

    /** Room the plaintext buffer must have free for {@link #read} to unwrap a whole record into it. */
    int plaintextRoom() {
        return engine.getSession().getApplicationBufferSize();
    }

    /**
     * Reads what the socket has, decrypts whole records into {@code plaintext} while it has
     * {@link #plaintextRoom} free, and answers the handshake through {@code connection}.
     *
     * @return the plaintext bytes added, or -1 once the client closed the stream or the session
     */
    int read(SocketChannel channel, ByteBuffer plaintext, TcpConnection connection) throws IOException {
        int start = plaintext.position();
        int read = channel.read(ciphertext);
        ciphertext.flip();
        try {
            while (true) {
                HandshakeStatus status = engine.getHandshakeStatus();
                if (status == HandshakeStatus.NEED_TASK) {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                } else if (status == HandshakeStatus.NEED_WRAP) {
                    if (!connection.sendHandshake()) {
                        return -1;
                    }
                } else if (!ciphertext.hasRemaining() || plaintext.remaining() < plaintextRoom()) {
                    break;
                } else {
                    SSLEngineResult result = engine.unwrap(ciphertext, plaintext);
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED || renegotiating(result)) {
                        return -1;
                    }
                    noteFinished(result);
                    if (result.getStatus() != SSLEngineResult.Status.OK
                            || (result.bytesConsumed() == 0 && result.bytesProduced() == 0)) {
                        // Underflow: the rest of the record is still on its way. Overflow cannot
                        // happen with the room checked above.
                        break;
                    }
                }
            }
        } finally {
            ciphertext.compact();
        }
        int added = plaintext.position() - start;
        return read < 0 && added == 0 ? -1 : added;
    }

    /** Encrypts the handshake message the engine wants sent into {@code queue}; false when it cannot. */
    boolean wrapHandshake(SendQueue queue) throws SSLException {
        return wrap(NOTHING, queue);
    }

    /**
     * Encrypts everything that remains of {@code data} into {@code queue}, with any handshake
     * message the engine has to send; false when the queue is full or the session closed.
     */
    boolean wrap(ByteBuffer[] data, SendQueue queue) throws SSLException {
        while (true) {
            SSLEngineResult result = engine.wrap(data, queue.buffer());
            noteFinished(result);
            switch (result.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    if (!queue.grow()) {
                        return false;
                    }
                    continue;
                }
                case CLOSED -> {
                    return false;
                }
                default -> {
                    // OK: wrote a record
                }
            }
            boolean more = hasRemaining(data);
            if (!more && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                return true;
            }
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                // The engine waits for the client (a handshake under way): data cannot go out now,
                // and dropping part of a frame would break the stream.
                return false;
            }
        }
    }

    private void noteFinished(SSLEngineResult result) {
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            established = true;
        }
    }

    /**
     * Whether the client starts a second TLS 1.2 handshake: renegotiation, a known lever for
     * denial of service that nothing here needs, refused as every disco server does (TLS 1.3 has
     * none; its post-handshake messages go through).
     */
    private boolean renegotiating(SSLEngineResult result) {
        HandshakeStatus status = result.getHandshakeStatus();
        return established && "TLSv1.2".equals(engine.getSession().getProtocol())
                && status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED;
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
