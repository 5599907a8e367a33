package io.disco.turn.stun;

/** The numbers of the STUN header and the attribute types this server reads or writes by hand. */
public final class StunHeader {

    public static final int LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_LENGTH = 12;

    public static final int SEND_INDICATION = 0x0016;
    public static final int DATA_INDICATION = 0x0017;

    public static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    public static final int ATTR_XOR_PEER_ADDRESS = 0x0012;
    public static final int ATTR_DATA = 0x0013;
    public static final int ATTR_FINGERPRINT = 0x8028;

    private StunHeader() {
    }

    static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    static int u32(byte[] bytes, int offset) {
        return (u16(bytes, offset) << 16) | u16(bytes, offset + 2);
    }

    static void putU16(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 8);
        bytes[offset + 1] = (byte) value;
    }

    static void putU32(byte[] bytes, int offset, int value) {
        putU16(bytes, offset, value >>> 16);
        putU16(bytes, offset + 2, value);
    }

    static int padded(int length) {
        return (length + 3) & ~3;
    }
}
