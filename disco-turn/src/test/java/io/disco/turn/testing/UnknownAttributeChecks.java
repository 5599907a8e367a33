package io.disco.turn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.turn.auth.LongTermKey;
import java.io.IOException;

/**
 * RFC 5389 §7.3 over a real transport: requests carrying a comprehension-required attribute no
 * server knows (0x0030) get 420, Binding at once, the other methods once authenticated.
 */
public final class UnknownAttributeChecks {

    /** An unassigned comprehension-required attribute type. */
    public static final int UNKNOWN_REQUIRED = 0x0030;

    private UnknownAttributeChecks() {
    }

    /** Checks the answers {@code client} gets from a server of {@code realm} with the user test/test. */
    public static void answeredWith420(TurnTestClient client, String realm) throws IOException {
        Reply binding = client.call(Messages.binding().withRaw(UNKNOWN_REQUIRED, new byte[4]).encode());
        assertEquals(420, binding.code(), "Binding");
        assertTrue(binding.lists(UNKNOWN_REQUIRED), "listed in UNKNOWN-ATTRIBUTES");

        Reply challenge = client.call(Messages.allocate().withRaw(UNKNOWN_REQUIRED, new byte[4]).encode());
        assertEquals(401, challenge.code(), "authentication comes first");
        Reply allocate = client.call(Messages.allocate().withRaw(UNKNOWN_REQUIRED, new byte[4])
                .credentials("test", realm, challenge.nonce(), "test").fingerprint().encode());
        assertEquals(420, allocate.code(), "Allocate, authenticated");
        assertTrue(allocate.lists(UNKNOWN_REQUIRED));
        assertTrue(allocate.signedWith(LongTermKey.of("test", realm, "test")));

        Reply optional = client.call(Messages.binding().withRaw(0xC057, new byte[4]).encode());
        assertTrue(optional.isSuccess(), "comprehension-optional attributes are ignored");
        assertFalse(optional.lists(0xC057));
    }
}
