package io.disco.api.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.signing.CanonicalRequest;
import io.disco.common.signing.PeerKey;
import io.disco.common.signing.Signatures;
import io.disco.common.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerificationsTest {

    private static final SigningKey ANNA = SigningKey.generate(new SecureRandom());
    private static final byte[] BODY = "{\"Name\":\"g\"}".getBytes(StandardCharsets.UTF_8);

    private final AtomicInteger verified = new AtomicInteger();

    private Verifications signedAt(long lastUpdated) {
        CanonicalRequest canonical = CanonicalRequest.of("PATCH", "g", BODY, lastUpdated);
        SignedRequest request = new SignedRequest("PATCH", "g", canonical.bodySha256(),
                Signatures.sign(canonical, List.of(ANNA)));
        return new Verifications(request, (key, message, signature) -> {
            verified.incrementAndGet();
            return key.verifies(message, signature);
        });
    }

    @Test
    void aSignatureCheckedAgainstOneLastUpdatedIsNotVerifiedAgain() {
        Verifications request = signedAt(1000);
        Signatures.Signed entry = request.request().signatures().entries().get(0);

        assertTrue(request.verifies(entry, 1000));
        assertTrue(request.verifies(entry, 1000));

        assertEquals(1, verified.get());
    }

    @Test
    void aGroupChangedSinceIsVerifiedAgainAndTheOldOutcomeForgotten() {
        Verifications request = signedAt(1000);
        Signatures.Signed entry = request.request().signatures().entries().get(0);

        assertTrue(request.verifies(entry, 1000));
        assertFalse(request.verifies(entry, 1001));
        assertFalse(request.verifies(entry, 1001));
        assertTrue(request.verifies(entry, 1000));

        assertEquals(3, verified.get());
    }

    @Test
    void aKeyOfTheRequestThatDidNotSignFails() {
        Verifications request = signedAt(1000);
        PeerKey other = SigningKey.generate(new SecureRandom()).publicKey();
        Signatures.Signed forged = new Signatures.Signed(other,
                request.request().signatures().entries().get(0).signature());

        assertFalse(request.verifies(forged, 1000));
    }
}
