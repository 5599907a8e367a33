package io.disco.common.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vector below was computed once with Python's {@code cryptography} 48 (OpenSSL), not with
 * this code: {@code ec.derive_private_key(D, ec.SECP256K1())} for the public key,
 * {@code sign(message, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))} (RFC 6979) and a
 * second, random-nonce signature, each written as Babble writes it (r|s in base 36).
 */
class SigningTest {

    private static final String D = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
    private static final String PUBLIC = "0X042C8C31FC9F990C6B55E3865A184A4CE50E09481F2EAEB3E60EC1CEA13A6AE645"
            + "64B95E4FDB6948C0386E189B006A29F686769B011704275E4459822DC3328085";
    private static final byte[] BODY = "{\"ID\":\"g1\"}".getBytes(StandardCharsets.UTF_8);
    private static final String BODY_SHA256 = "f7af5468648d869ced69cc8383d665ccc21f7dee017f1b2d55a52c98adbe3b09";
    private static final String DETERMINISTIC = "3x6w6ukubcd0bpz7ueejxfevnm4onl4w6f4ythxmx6v81thlv1"
            + "|5v3fc4h28755yo0x5m4ovs9lxfi69a8iq32ee92zjpeqqzbb1y";
    private static final String RANDOM_NONCE = "293a5axk4gsguh3r4ihbwfsjrzrgh7jd0b0x0jewpl8pnol5ml"
            + "|1wdwy6mqqolabjqqot0pm60w1mm78p5nduvat3vkqne8lwc66j";

    private final CanonicalRequest request = CanonicalRequest.of("patch", "g1", BODY, 1583773505L);

    @Test
    void theCanonicalStringIsFiveLinesWithTheMethodInUpperCase() {
        assertEquals(BODY_SHA256, request.bodySha256());
        assertArrayEquals(("disco-group-v1\nPATCH\ng1\n" + BODY_SHA256 + "\n1583773505").getBytes(StandardCharsets.UTF_8),
                request.bytes());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                CanonicalRequest.of("DELETE", "g1", new byte[0], 1).bodySha256());
    }

    @Test
    void aKeyIsWrittenAsBabbleWritesIt() {
        assertEquals(PUBLIC, SigningKey.fromHex(D).publicKey().toString());
        assertEquals(PeerKey.parse(PUBLIC), PeerKey.parse(PUBLIC.toLowerCase()));
    }

    @Test
    void signsAsAnIndependentRfc6979SignerDoes() {
        assertEquals(DETERMINISTIC, SigningKey.fromHex(D).sign(request.bytes()).toString());
    }

    @Test
    void verifiesSignaturesMadeElsewhereAndNothingElse() {
        PeerKey key = PeerKey.parse(PUBLIC);
        assertTrue(key.verifies(request.bytes(), Signature.parse(RANDOM_NONCE)));
        assertTrue(key.verifies(request.bytes(), Signature.parse(DETERMINISTIC.toUpperCase())));

        CanonicalRequest later = CanonicalRequest.of("PATCH", "g1", BODY, 1583773506L);
        assertFalse(key.verifies(later.bytes(), Signature.parse(RANDOM_NONCE)));
        PeerKey other = SigningKey.generate(new SecureRandom()).publicKey();
        assertFalse(other.verifies(request.bytes(), Signature.parse(RANDOM_NONCE)));
    }

    @Test
    void theHeaderReadsBackWhatItWrites() {
        SigningKey one = SigningKey.generate(new SecureRandom());
        SigningKey two = SigningKey.generate(new SecureRandom());
        Signatures signed = Signatures.sign(request, List.of(one, two));

        Signatures parsed = Signatures.parse(" " + signed + " ");

        assertEquals(signed, parsed);
        assertEquals(one.publicKey(), parsed.entries().get(0).key());
        assertTrue(parsed.entries().get(1).key().verifies(request.bytes(), parsed.entries().get(1).signature()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0X04", PUBLIC, PUBLIC + "=", PUBLIC + "=abc", PUBLIC + "=a|b|c", PUBLIC + "=a|-b",
            PUBLIC + "=0|1", PUBLIC + "=" + DETERMINISTIC + ",", "0X05" + "00=" + DETERMINISTIC,
            "0x04" + "11" + "=" + DETERMINISTIC})
    void refusesWhatIsNotBabblesFormat(String header) {
        assertThrows(SignatureFormatException.class, () -> Signatures.parse(header));
    }

    @Test
    void refusesAKeyThatIsNotAPointOfTheCurve() {
        String offCurve = PUBLIC.substring(0, PUBLIC.length() - 2) + "86";
        assertThrows(SignatureFormatException.class, () -> PeerKey.parse(offCurve));
        assertThrows(SignatureFormatException.class, () -> PeerKey.parse("0X02" + PUBLIC.substring(4)));
    }

    @Test
    void quorumsCountAsTheirNamesSay() {
        assertEquals(1, Quorum.CREATOR.needed(7));
        assertEquals(List.of(1, 2, 2, 3, 3, 4), List.of(Quorum.MAJORITY.needed(1), Quorum.MAJORITY.needed(2),
                Quorum.MAJORITY.needed(3), Quorum.MAJORITY.needed(4), Quorum.MAJORITY.needed(5),
                Quorum.MAJORITY.needed(6)));
        assertEquals(List.of(1, 2, 2, 3, 4, 4, 7), List.of(Quorum.TWO_THIRDS.needed(1), Quorum.TWO_THIRDS.needed(2),
                Quorum.TWO_THIRDS.needed(3), Quorum.TWO_THIRDS.needed(4), Quorum.TWO_THIRDS.needed(5),
                Quorum.TWO_THIRDS.needed(6), Quorum.TWO_THIRDS.needed(10)));
        assertEquals(Quorum.MAJORITY, Quorum.CREATOR.atLeast(Quorum.MAJORITY));
        assertEquals(Quorum.TWO_THIRDS, Quorum.TWO_THIRDS.atLeast(Quorum.MAJORITY));
        assertEquals(Quorum.TWO_THIRDS, Quorum.parse("two-thirds"));
        assertThrows(IllegalArgumentException.class, () -> Quorum.parse("Majority"));
    }
}
