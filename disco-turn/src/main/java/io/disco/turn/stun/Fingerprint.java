package io.disco.turn.stun;

import java.util.Arrays;
import java.util.zip.CRC32;

/** FINGERPRINT (RFC 5389 §15.5): CRC-32 of the message before it, XOR 0x5354554E; always last. */
public final class Fingerprint {

    private static final int XOR = 0x5354554E;
    private static final int ATTRIBUTE_LENGTH = 8;

    private Fingerprint() {
    }

    /** Whether the FINGERPRINT attribute at {@code offset} (the message's last) is right. */
    static boolean valid(byte[] bytes, int offset) {
        return StunHeader.u32(bytes, offset + 4) == crc(bytes, offset);
    }

    /** Appends FINGERPRINT to the encoded message and returns the longer message. */
    public static byte[] append(byte[] encoded) {
        int end = encoded.length;
        byte[] stamped = Arrays.copyOf(encoded, end + ATTRIBUTE_LENGTH);
        StunHeader.putU16(stamped, 2, stamped.length - StunHeader.LENGTH);
        StunHeader.putU16(stamped, end, StunHeader.ATTR_FINGERPRINT);
        StunHeader.putU16(stamped, end + 2, 4);
        StunHeader.putU32(stamped, end + 4, crc(stamped, end));
        return stamped;
    }

    private static int crc(byte[] bytes, int end) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, end);
        return (int) crc.getValue() ^ XOR;
    }
}
