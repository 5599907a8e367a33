package io.disco.signal.transport;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;

/**
 * The frames of one fragmented websocket message, gathered until its last one. Rare in practice
 * (browsers and Autobahn send each message as one frame), so it holds nothing between messages.
 */
final class FragmentedMessage {

    private final int maxBytes;
    private byte[] bytes;
    private int length;

    FragmentedMessage(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    boolean isStarted() {
        return bytes != null;
    }

    void start(ByteBuffer first) {
        bytes = new byte[Math.max(256, first.remaining())];
        length = 0;
        append(first);
    }

    void append(ByteBuffer more) {
        int needed = length + more.remaining();
        if (needed > maxBytes) {
            throw new MessageTooLargeException("message larger than " + maxBytes + " bytes");
        }
        if (needed > bytes.length) {
            byte[] grown = new byte[(int) Math.min(maxBytes, Math.max(needed, 2L * bytes.length))];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
        more.get(bytes, length, more.remaining());
        length = needed;
    }

    ByteBuffer finish() {
        ByteBuffer message = ByteBuffer.wrap(bytes, 0, length);
        reset();
        return message;
    }

    void reset() {
        bytes = null;
        length = 0;
    }
}
