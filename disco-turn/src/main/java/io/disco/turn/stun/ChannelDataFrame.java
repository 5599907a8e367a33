package io.disco.turn.stun;

import java.nio.ByteBuffer;

/**
 * ChannelData framing (RFC 5766 §11.4): channel number and length (two bytes each), then the
 * application data. Parsed by hand: it is the relay's hot path and the header is four bytes.
 */
public final class ChannelDataFrame {

    public static final int HEADER_LENGTH = 4;

    private ChannelDataFrame() {
    }

    /** Whether a datagram starting with {@code firstByte} is ChannelData (channel 0x4000-0x7FFF). */
    public static boolean isChannelData(byte firstByte) {
        return (firstByte & 0xC0) == 0x40;
    }

    /** The channel number of the frame at the start of {@code frame} (index 0). */
    public static int channel(ByteBuffer frame) {
        return frame.getShort(0) & 0xFFFF;
    }

    /**
     * The data length of the frame from index 0 to the limit of {@code frame}, or -1 when the
     * frame is cut short. Over UDP, bytes after the data (padding) are allowed.
     */
    public static int dataLength(ByteBuffer frame) {
        if (frame.limit() < HEADER_LENGTH) {
            return -1;
        }
        int length = frame.getShort(2) & 0xFFFF;
        return HEADER_LENGTH + length <= frame.limit() ? length : -1;
    }

    /** Writes a frame header for {@code length} bytes of data on {@code channel}. */
    public static void writeHeader(ByteBuffer out, int channel, int length) {
        out.putShort((short) channel);
        out.putShort((short) length);
    }
}
