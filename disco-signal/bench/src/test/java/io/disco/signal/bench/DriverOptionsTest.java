package io.disco.signal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverOptionsTest {

    @Test
    void sessionsOfAClusterJoinItsRoutersInTurnAndEveryProcessIsBilled() {
        DriverOptions options = DriverOptions.parse(new String[] {
            "--mode=saturate", "--uri=wss://127.0.0.1:1/,wss://127.0.0.1:2/", "--router-pid=10,11,12"});
        // Session i calls session i+1: on different routers, every call crosses.
        assertEquals(URI.create("wss://127.0.0.1:1/"), options.uriOf(0));
        assertEquals(URI.create("wss://127.0.0.1:2/"), options.uriOf(1));
        assertEquals(URI.create("wss://127.0.0.1:1/"), options.uriOf(2));
        assertEquals(List.of(10L, 11L, 12L), options.routerPids());
    }

    @Test
    void oneRouterTakesEverySession() {
        DriverOptions options = DriverOptions.parse(new String[] {"--uri=wss://127.0.0.1:1/", "--router-pid=10"});
        assertEquals(URI.create("wss://127.0.0.1:1/"), options.uriOf(7));
        assertEquals(10L, options.routerPid());
    }

    @Test
    void theIdleModeMeasuresOneRouter() {
        assertThrows(IllegalArgumentException.class, () -> DriverOptions.parse(new String[] {
            "--mode=idle", "--uri=wss://127.0.0.1:1/,wss://127.0.0.1:2/", "--router-pid=10,11"}));
    }
}
