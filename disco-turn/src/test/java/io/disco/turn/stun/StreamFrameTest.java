package io.disco.turn.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StreamFrameTest {

    private static int length(int... bytes) {
        byte[] frame = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            frame[i] = (byte) bytes[i];
        }
        return StreamFrame.length(frame, 0, frame.length);
    }

    @Test
    void stunLengthIsHeaderPlusBody() {
        assertEquals(20 + 8, length(0x00, 0x01, 0x00, 0x08));
        assertEquals(StreamFrame.MAX_LENGTH, length(0x01, 0x01, 0xFF, 0xFC));
    }

    @Test
    void channelDataIsPaddedToFourBytes() {
        assertEquals(4 + 16, length(0x40, 0x00, 0x00, 0x0D));
        assertEquals(4 + 12, length(0x7F, 0xFF, 0x00, 0x0C));
        assertEquals(4, length(0x40, 0x01, 0x00, 0x00));
        assertEquals(3, StreamFrame.channelDataPadding(4 + 13));
        assertEquals(0, StreamFrame.channelDataPadding(4 + 12));
    }

    @Test
    void needsFourBytesToTell() {
        assertEquals(0, length(0x00, 0x01, 0x00));
        assertEquals(0, length());
    }

    @Test
    void refusesWhatIsNeitherStunNorChannelData() {
        assertEquals(StreamFrame.NOT_A_FRAME, length(0x80, 0x00, 0x00, 0x04));
        assertEquals(StreamFrame.NOT_A_FRAME, length(0xC0, 0x00, 0x00, 0x04));
        assertEquals(StreamFrame.NOT_A_FRAME, length(0x16, 0x03, 0x01, 0x02), "a STUN body is whole words");
    }
}
