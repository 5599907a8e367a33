package io.disco.common.signing;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A peer's secp256k1 public key as Babble writes it in {@code PubKeyHex}: {@code 0X} and the
 * upper-case hex of the uncompressed point ({@code 04}, then x and y). Read with either case.
 */
public final class PeerKey {

    private static final int UNCOMPRESSED_LENGTH = 65;

    private final byte[] encoded;
    private final ECPublicKeyParameters key;

    private PeerKey(byte[] encoded, ECPoint point) {
        this.encoded = encoded;
        this.key = new ECPublicKeyParameters(point, Secp256k1.DOMAIN);
    }

    static PeerKey of(ECPoint point) {
        ECPoint normal = point.normalize();
        return new PeerKey(normal.getEncoded(false), normal);
    }

    /** @throws SignatureFormatException when it is not an uncompressed point of the curve */
    public static PeerKey parse(String hex) {
        if (hex.length() != 2 + 2 * UNCOMPRESSED_LENGTH || !hex.regionMatches(true, 0, "0X", 0, 2)) {
            throw new SignatureFormatException("a key is 0X and the hex of an uncompressed secp256k1 point");
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex, 2, hex.length());
        } catch (IllegalArgumentException e) {
            throw new SignatureFormatException("a key is 0X and the hex of an uncompressed secp256k1 point");
        }
        if (bytes[0] != 0x04) {
            throw new SignatureFormatException("a key must be an uncompressed point, starting 0X04");
        }
        ECPoint point;
        try {
            point = Secp256k1.DOMAIN.getCurve().decodePoint(bytes);
        } catch (IllegalArgumentException e) {
            throw new SignatureFormatException("a key is not a point of secp256k1");
        }
        return new PeerKey(bytes, point);
    }

    /** Whether {@code signature} is this key's over the SHA-256 of {@code message}. */
    public boolean verifies(byte[] message, Signature signature) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(Secp256k1.sha256(message), signature.r(), signature.s());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerKey that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    /** As Babble writes it: {@code 0X04...}, upper case. */
    @Override
    public String toString() {
        return "0X" + HexFormat.of().withUpperCase().formatHex(encoded);
    }
}
