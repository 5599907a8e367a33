package io.disco.turn.stun;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (RFC 5389 §15.4): HMAC-SHA1 over the message up to the attribute, with the
 * header's length field counting up to and including the attribute, whatever follows it. Done
 * here over the bytes, as ice4j only signs inside a StunStack with its CredentialsManager.
 */
public final class MessageIntegrity {

    /** The attribute's value length: an HMAC-SHA1. */
    public static final int LENGTH = 20;
    private static final int ATTRIBUTE_LENGTH = 4 + LENGTH;

    private MessageIntegrity() {
    }

    /** Whether {@code message}'s MESSAGE-INTEGRITY was made with {@code key}. */
    public static boolean verify(RawMessage message, byte[] key) {
        int offset = message.integrityOffset();
        if (offset < 0) {
            return false;
        }
        byte[] bytes = message.bytes();
        byte[] expected = hmac(key, bytes, offset, offset + ATTRIBUTE_LENGTH - StunHeader.LENGTH);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, offset + 4, offset + ATTRIBUTE_LENGTH));
    }

    /**
     * Appends MESSAGE-INTEGRITY made with {@code key} to the encoded message {@code encoded}
     * (which must have no FINGERPRINT yet) and returns the longer message.
     */
    public static byte[] append(byte[] encoded, byte[] key) {
        int end = encoded.length;
        byte[] signed = Arrays.copyOf(encoded, end + ATTRIBUTE_LENGTH);
        StunHeader.putU16(signed, 2, signed.length - StunHeader.LENGTH);
        byte[] hmac = hmac(key, signed, end, signed.length - StunHeader.LENGTH);
        StunHeader.putU16(signed, end, StunHeader.ATTR_MESSAGE_INTEGRITY);
        StunHeader.putU16(signed, end + 2, LENGTH);
        System.arraycopy(hmac, 0, signed, end + 4, LENGTH);
        return signed;
    }

    /** HMAC-SHA1 of {@code bytes[0, end)} as if the header's length field said {@code headerLength}. */
    private static byte[] hmac(byte[] key, byte[] bytes, int end, int headerLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(bytes, 0, 2);
            mac.update((byte) (headerLength >>> 8));
            mac.update((byte) headerLength);
            mac.update(bytes, 4, end - 4);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA1", e);
        }
    }
}
