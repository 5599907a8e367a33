package io.disco.turn.stun;

/**
 * Where one message ends on a TCP or TLS stream (RFC 5766 §2.1, RFC 8656 §12.5): STUN messages and
 * ChannelData follow each other with nothing in between, so the length comes from each header,
 * and ChannelData is padded to a multiple of four bytes, which UDP does not require.
 */
public final class StreamFrame {

    /** Bytes needed to read a frame's length: a ChannelData header, the first half of a STUN one. */
    public static final int LENGTH_PREFIX = 4;
    /** The longest frame: a STUN message of the largest body length that is a multiple of four. */
    public static final int MAX_LENGTH = StunHeader.LENGTH + 0xFFFC;
    /** What marks a frame that is neither STUN (first two bits 00) nor ChannelData (01). */
    public static final int NOT_A_FRAME = -1;

    private StreamFrame() {
    }

    /**
     * The length, padding included, of the frame starting at {@code offset}; 0 when fewer than
     * {@link #LENGTH_PREFIX} bytes are {@code available}; {@link #NOT_A_FRAME} when the bytes
     * cannot start a frame, after which the stream cannot be resynchronized.
     */
    public static int length(byte[] bytes, int offset, int available) {
        if (available < LENGTH_PREFIX) {
            return 0;
        }
        int declared = StunHeader.u16(bytes, offset + 2);
        if (ChannelDataFrame.isChannelData(bytes[offset])) {
            return ChannelDataFrame.HEADER_LENGTH + StunHeader.padded(declared);
        }
        // A STUN body is a whole number of 4-byte words; any other length is no STUN header.
        return (bytes[offset] & 0xC0) == 0 && (declared & 3) == 0 ? StunHeader.LENGTH + declared : NOT_A_FRAME;
    }

    /** The zero bytes to send after a ChannelData frame of {@code frameLength} bytes on a stream. */
    public static int channelDataPadding(int frameLength) {
        return StunHeader.padded(frameLength) - frameLength;
    }
}
