package io.disco.turn.stun;

import static io.disco.turn.stun.StunHeader.ATTR_FINGERPRINT;
import static io.disco.turn.stun.StunHeader.ATTR_MESSAGE_INTEGRITY;

/**
 * A STUN message's bytes once its framing has been checked: header, magic cookie, attribute
 * lengths, a FINGERPRINT (when present) last and correct. Knows where MESSAGE-INTEGRITY is, which
 * ice4j's decoder does not tell.
 *
 * @param bytes             the message, starting at index 0
 * @param length            its length
 * @param type              the message type
 * @param integrityOffset   where the MESSAGE-INTEGRITY attribute starts, or -1
 * @param fingerprintOffset where the FINGERPRINT attribute starts, or -1
 */
public record RawMessage(byte[] bytes, int length, int type, int integrityOffset, int fingerprintOffset) {

    /** Checks the framing of {@code length} bytes at the start of {@code bytes}; null when malformed. */
    public static RawMessage scan(byte[] bytes, int length) {
        if (length < StunHeader.LENGTH || (bytes[0] & 0xC0) != 0
                || StunHeader.u32(bytes, 4) != StunHeader.MAGIC_COOKIE) {
            return null;
        }
        int bodyLength = StunHeader.u16(bytes, 2);
        if ((bodyLength & 3) != 0 || StunHeader.LENGTH + bodyLength != length) {
            return null;
        }
        int integrity = -1;
        int fingerprint = -1;
        int offset = StunHeader.LENGTH;
        while (offset < length) {
            if (fingerprint >= 0 || offset + 4 > length) {
                return null;
            }
            int attributeType = StunHeader.u16(bytes, offset);
            int attributeLength = StunHeader.u16(bytes, offset + 2);
            int next = offset + 4 + StunHeader.padded(attributeLength);
            if (next > length) {
                return null;
            }
            if (attributeType == ATTR_MESSAGE_INTEGRITY && integrity < 0) {
                if (attributeLength != MessageIntegrity.LENGTH) {
                    return null;
                }
                integrity = offset;
            } else if (attributeType == ATTR_FINGERPRINT) {
                if (attributeLength != 4 || !Fingerprint.valid(bytes, offset)) {
                    return null;
                }
                fingerprint = offset;
            }
            offset = next;
        }
        return new RawMessage(bytes, length, StunHeader.u16(bytes, 0), integrity, fingerprint);
    }

    public boolean hasIntegrity() {
        return integrityOffset >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintOffset >= 0;
    }

    /** The 12-byte transaction ID. */
    public byte[] transactionId() {
        byte[] id = new byte[StunHeader.TRANSACTION_ID_LENGTH];
        System.arraycopy(bytes, 8, id, 0, id.length);
        return id;
    }
}
