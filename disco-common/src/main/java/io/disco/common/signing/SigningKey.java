package io.disco.common.signing;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A peer's secp256k1 private key, which signs requests to change a protected group.
 *
 * <p>It signs with the nonce RFC 6979 derives from the key and the message, so the same request
 * signed twice gives the same signature; any ECDSA verifier (Babble's, Go's) accepts it.
 */
public final class SigningKey {

    private final ECPrivateKeyParameters key;
    private final PeerKey publicKey;

    private SigningKey(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(Secp256k1.DOMAIN.getN()) >= 0) {
            throw new SignatureFormatException("a private key must be in [1, n-1] of secp256k1");
        }
        this.key = new ECPrivateKeyParameters(d, Secp256k1.DOMAIN);
        this.publicKey = PeerKey.of(new FixedPointCombMultiplier().multiply(Secp256k1.DOMAIN.getG(), d));
    }

    /** A new random key. */
    public static SigningKey generate(SecureRandom random) {
        BigInteger n = Secp256k1.DOMAIN.getN();
        BigInteger d;
        do {
            d = new BigInteger(n.bitLength(), random);
        } while (d.signum() == 0 || d.compareTo(n) >= 0);
        return new SigningKey(d);
    }

    /** The key whose scalar is {@code hex} (big-endian, as Babble's key files hold it in their DER). */
    public static SigningKey fromHex(String hex) {
        try {
            return new SigningKey(new BigInteger(1, HexFormat.of().parseHex(hex)));
        } catch (IllegalArgumentException e) {
            if (e instanceof SignatureFormatException format) {
                throw format;
            }
            throw new SignatureFormatException("a private key is the hex of its scalar");
        }
    }

    /** The public key, as the group lists it in {@code PubKeyHex} or {@code PubKey}. */
    public PeerKey publicKey() {
        return publicKey;
    }

    /** This key's signature over the SHA-256 of {@code message}. */
    public Signature sign(byte[] message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(Secp256k1.sha256(message));
        return new Signature(rs[0], rs[1]);
    }

    @Override
    public String toString() {
        // Never the scalar: keys end up in logs through toString.
        return "SigningKey[" + publicKey + "]";
    }
}
