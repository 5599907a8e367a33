package io.disco.turn.stun;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Reads Send indications (RFC 5766 §10.2) by hand, on the relay's hot path. One reader belongs to
 * one receiving thread and is reused for every datagram; the peer address object is reused while
 * a client keeps sending to the same peer, so the steady state allocates nothing.
 */
public final class SendIndication {

    private final byte[] lastPeerBytes = new byte[20];
    private int lastPeerLength = -1;
    private InetSocketAddress peer;
    private int dataOffset;
    private int dataLength;

    /** Whether a message of this type is a Send indication. */
    public static boolean is(byte[] bytes, int length) {
        return length >= StunHeader.LENGTH && StunHeader.u16(bytes, 0) == StunHeader.SEND_INDICATION;
    }

    /**
     * Reads the Send indication in {@code bytes}; false when it is malformed, lacks XOR-PEER-ADDRESS
     * or DATA, or carries a comprehension-required attribute this server does not know (such an
     * indication is dropped, RFC 5389 §7.3.2).
     */
    public boolean read(byte[] bytes, int length) {
        if (length < StunHeader.LENGTH || StunHeader.u32(bytes, 4) != StunHeader.MAGIC_COOKIE
                || StunHeader.LENGTH + StunHeader.u16(bytes, 2) != length) {
            return false;
        }
        int peerOffset = -1;
        int peerLength = 0;
        dataOffset = -1;
        int offset = StunHeader.LENGTH;
        while (offset < length) {
            if (offset + 4 > length) {
                return false;
            }
            int type = StunHeader.u16(bytes, offset);
            int attributeLength = StunHeader.u16(bytes, offset + 2);
            int next = offset + 4 + StunHeader.padded(attributeLength);
            if (next > length) {
                return false;
            }
            if (type == StunHeader.ATTR_XOR_PEER_ADDRESS && peerOffset < 0) {
                peerOffset = offset + 4;
                peerLength = attributeLength;
            } else if (type == StunHeader.ATTR_DATA && dataOffset < 0) {
                dataOffset = offset + 4;
                dataLength = attributeLength;
            } else if (type == StunHeader.ATTR_FINGERPRINT) {
                if (next != length || attributeLength != 4 || !Fingerprint.valid(bytes, offset)) {
                    return false;
                }
            } else if (AttributeType.unknownRequired(type)) {
                return false;
            }
            offset = next;
        }
        return peerOffset >= 0 && dataOffset >= 0 && readPeer(bytes, peerOffset, peerLength);
    }

    private boolean readPeer(byte[] bytes, int offset, int length) {
        // The XOR mask is the transaction ID, which changes with every indication, so compare the
        // unmasked address bytes with the last peer's.
        if (length <= lastPeerBytes.length && length == lastPeerLength && peer != null) {
            boolean same = bytes[offset + 1] == lastPeerBytes[1]
                    && bytes[offset + 2] == lastPeerBytes[2] && bytes[offset + 3] == lastPeerBytes[3];
            for (int i = 4; same && i < length; i++) {
                same = (byte) (bytes[offset + i] ^ bytes[i]) == lastPeerBytes[i];
            }
            if (same) {
                return true;
            }
        }
        InetSocketAddress decoded = XorAddress.decode(bytes, offset, length);
        if (decoded == null || length > lastPeerBytes.length) {
            return false;
        }
        peer = decoded;
        lastPeerLength = length;
        Arrays.fill(lastPeerBytes, (byte) 0);
        System.arraycopy(bytes, offset, lastPeerBytes, 0, 4);
        for (int i = 4; i < length; i++) {
            lastPeerBytes[i] = (byte) (bytes[offset + i] ^ bytes[i]);
        }
        return true;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public int dataOffset() {
        return dataOffset;
    }

    public int dataLength() {
        return dataLength;
    }
}
