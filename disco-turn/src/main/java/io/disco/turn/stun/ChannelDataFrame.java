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

    /** The channel number of the frame at the start of {@code bytes}. */
    public static int channel(byte[] bytes) {
        return StunHeader.u16(bytes, 0);
    }

    /**
     * The data length of the frame of {@code received} bytes at the start of {@code bytes}, or -1
     * when the frame is cut short. Over UDP, bytes after the data (padding) are allowed.
     */
    public static int dataLength(byte[] bytes, int received) {
        if (received < HEADER_LENGTH) {
            return -1;
        }
        int length = StunHeader.u16(bytes, 2);
        return HEADER_LENGTH + length <= received ? length : -1;
    }

    /** Writes a frame header for {@code length} bytes of data on {@code channel}. */
    public static void writeHeader(ByteBuffer out, int channel, int length) {
        out.putShort((short) channel);
        out.putShort((short) length);
    }
}
