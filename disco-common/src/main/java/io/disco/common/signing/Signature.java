package io.disco.common.signing;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An ECDSA signature as Babble encodes it ({@code keys.EncodeSignature}): {@code r|s}, both
 * written in base 36, lower case. Either case is read, as Go's {@code big.Int} reads it.
 */
public record Signature(BigInteger r, BigInteger s) {

    private static final Pattern BASE36 = Pattern.compile("[0-9A-Za-z]{1,64}");

    /** Both in [1, n-1], where n is the curve's order; anything else cannot verify. */
    public Signature {
        inRange("r", Objects.requireNonNull(r, "r"));
        inRange("s", Objects.requireNonNull(s, "s"));
    }

    /** @throws SignatureFormatException when it is not two base-36 numbers of the curve's range */
    public static Signature parse(String encoded) {
        int bar = encoded.indexOf('|');
        if (bar < 0 || encoded.indexOf('|', bar + 1) >= 0) {
            throw new SignatureFormatException("a signature is r|s, two base-36 numbers");
        }
        return new Signature(number("r", encoded.substring(0, bar)), number("s", encoded.substring(bar + 1)));
    }

    private static BigInteger number(String name, String digits) {
        if (!BASE36.matcher(digits).matches()) {
            throw new SignatureFormatException("a signature's " + name + " is not a base-36 number");
        }
        return new BigInteger(digits, 36);
    }

    private static void inRange(String name, BigInteger value) {
        if (value.signum() <= 0 || value.compareTo(Secp256k1.DOMAIN.getN()) >= 0) {
            throw new SignatureFormatException("a signature's " + name + " is out of the curve's range");
        }
    }

    /** Babble's encoding. */
    @Override
    public String toString() {
        return r.toString(36) + "|" + s.toString(36);
    }
}
