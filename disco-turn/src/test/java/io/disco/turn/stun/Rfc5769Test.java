package io.disco.turn.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.turn.auth.LongTermKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test vectors of RFC 5769, through our MESSAGE-INTEGRITY, FINGERPRINT and address code. */
class Rfc5769Test {

    /** §2.1: a Binding request, short-term credential (the key is the password itself). */
    static final byte[] SAMPLE_REQUEST = hex("""
            00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
            00 24 00 04 6e 00 01 ff
            80 29 00 08 93 2f f9 b1 51 26 3b 36
            00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
            00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
            80 28 00 04 e5 7a 3b cf""");

    /** §2.2: a Binding success response, IPv4 XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
    static final byte[] SAMPLE_IPV4_RESPONSE = hex("""
            01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 08 00 01 a1 47 e1 12 a6 43
            00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
            80 28 00 04 c0 7d 4c 96""");

    /** §2.3: the same with IPv6 XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853. */
    static final byte[] SAMPLE_IPV6_RESPONSE = hex("""
            01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
            00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
            80 28 00 04 c8 fb 0b 4c""");

    /** §2.4: a request with long-term authentication (no FINGERPRINT). */
    static final byte[] SAMPLE_LONG_TERM_REQUEST = hex("""
            00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
            00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00
            00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41
            00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00
            00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66""");

    private static final byte[] SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    @Test
    void sampleRequest() {
        RawMessage raw = RawMessage.scan(SAMPLE_REQUEST, SAMPLE_REQUEST.length);
        assertNotNull(raw, "framing and FINGERPRINT accepted");
        assertTrue(raw.hasFingerprint());
        assertTrue(MessageIntegrity.verify(raw, SHORT_TERM_PASSWORD));
        assertFalse(MessageIntegrity.verify(raw, "VOkJxbRl1RmTxUk/WvJxBu".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sampleRequestDecodesWithItsIceAttributesKnown() {
        StunRequest request = RequestDecoder.decode(SAMPLE_REQUEST, SAMPLE_REQUEST.length);
        assertNotNull(request);
        assertEquals(Method.BINDING, request.method());
        assertEquals("evtj:h6vY", request.username());
        assertEquals(List.of(), request.unknownRequired(),
                "PRIORITY is comprehension-required, and an ICE agent's Binding request carries it");
    }

    @Test
    void sampleIpv4Response() {
        RawMessage raw = RawMessage.scan(SAMPLE_IPV4_RESPONSE, SAMPLE_IPV4_RESPONSE.length);
        assertNotNull(raw);
        assertTrue(MessageIntegrity.verify(raw, SHORT_TERM_PASSWORD));
        assertEquals(new InetSocketAddress("192.0.2.1", 32853), XorAddress.decode(SAMPLE_IPV4_RESPONSE, 40, 8));
    }

    @Test
    void sampleIpv6Response() {
        RawMessage raw = RawMessage.scan(SAMPLE_IPV6_RESPONSE, SAMPLE_IPV6_RESPONSE.length);
        assertNotNull(raw);
        assertTrue(MessageIntegrity.verify(raw, SHORT_TERM_PASSWORD));
        assertEquals(new InetSocketAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853),
                XorAddress.decode(SAMPLE_IPV6_RESPONSE, 40, 20));
    }

    @Test
    void sampleLongTermRequest() {
        // The username U+30DE U+30C8 U+30EA U+30C3 U+30AF U+30B9 and the realm pass SASLprep
        // unchanged; the password "The<U+00AD>M<U+00AA>tr<U+2168>" becomes "TheMatrIX" under
        // SASLprep, which this server does not apply, so the prepared form is given here.
        String username = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
        byte[] key = LongTermKey.of(username, "example.org", "TheMatrIX");
        RawMessage raw = RawMessage.scan(SAMPLE_LONG_TERM_REQUEST, SAMPLE_LONG_TERM_REQUEST.length);
        assertNotNull(raw);
        assertFalse(raw.hasFingerprint());
        assertTrue(MessageIntegrity.verify(raw, key));
        assertFalse(MessageIntegrity.verify(raw, LongTermKey.of(username, "example.org", "TheMatrix")));

        StunRequest request = RequestDecoder.decode(SAMPLE_LONG_TERM_REQUEST, SAMPLE_LONG_TERM_REQUEST.length);
        assertNotNull(request);
        assertEquals(username, request.username());
        assertEquals("example.org", request.realm());
        assertEquals("f//499k954d6OL34oL9FSTvy64sA", request.nonce());
    }

    @Test
    void aFlippedBitBreaksTheFingerprint() {
        byte[] corrupt = SAMPLE_REQUEST.clone();
        corrupt[30] ^= 0x01;
        assertNull(RawMessage.scan(corrupt, corrupt.length));
    }

    @Test
    void ourSigningReproducesTheVectors() {
        // Strip MESSAGE-INTEGRITY and FINGERPRINT from the IPv4 response, sign it again: same bytes.
        int integrityOffset = SAMPLE_IPV4_RESPONSE.length - 24 - 8;
        byte[] bare = Arrays.copyOf(SAMPLE_IPV4_RESPONSE, integrityOffset);
        byte[] signed = Fingerprint.append(MessageIntegrity.append(bare, SHORT_TERM_PASSWORD));
        assertArrayEquals(SAMPLE_IPV4_RESPONSE, signed);
    }

    @Test
    void malformedFramingIsRejected() {
        assertNull(RawMessage.scan(new byte[19], 19), "shorter than a header");
        byte[] badCookie = SAMPLE_IPV4_RESPONSE.clone();
        badCookie[4] = 0;
        assertNull(RawMessage.scan(badCookie, badCookie.length));
        byte[] badLength = SAMPLE_IPV4_RESPONSE.clone();
        badLength[3] += 4;
        assertNull(RawMessage.scan(badLength, badLength.length));
        byte[] attributeOverrun = SAMPLE_LONG_TERM_REQUEST.clone();
        attributeOverrun[23] = (byte) 0xF0;
        assertNull(RawMessage.scan(attributeOverrun, attributeOverrun.length));
    }
}
