package io.disco.common.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TurnRestCredentialTest {

    @Test
    void thePasswordIsBase64OfHmacSha1() {
        // Computed apart from this code: printf %s 1433895918506:my_user_name | openssl dgst -sha1 -hmac north -binary | base64
        assertEquals("+8A4l7VX6yTmEzUg7ltAn+0+I8E=", TurnRestCredential.password("north", "1433895918506:my_user_name"));
    }

    @Test
    void theUsernameIsTheExpiryInSecondsThenTheUser() {
        Instant expiry = Instant.parse("2026-03-10T17:05:05Z");
        TurnRestCredential app = TurnRestCredential.issue("s3cret", expiry, Optional.of("com.example.chat"));
        assertEquals(expiry.getEpochSecond() + ":com.example.chat", app.username());
        assertEquals(TurnRestCredential.password("s3cret", app.username()), app.password());

        assertEquals(String.valueOf(expiry.getEpochSecond()),
                TurnRestCredential.issue("s3cret", expiry, Optional.empty()).username());
    }
}
