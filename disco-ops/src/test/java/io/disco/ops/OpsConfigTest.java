package io.disco.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OpsConfigTest {

    @Test
    void aListenerOthersCanReachNeedsTheAdminToken() throws Exception {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new OpsConfig(
                InetAddress.getByName("0.0.0.0"), OptionalInt.of(9100), Duration.ofMinutes(1), Optional.empty()));

        assertEquals("--metrics-host 0.0.0.0 is reachable from other hosts: give --admin-token-file, whose token"
                + " POST /drain then needs", refused.getMessage());
    }

    @Test
    void anUnknownHostIsNamed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> OpsConfig.resolve("no-such-host.invalid"));

        assertEquals("--metrics-host no-such-host.invalid: unknown host", refused.getMessage());
    }
}
