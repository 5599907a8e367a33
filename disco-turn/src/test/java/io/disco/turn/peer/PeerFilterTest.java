package io.disco.turn.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.net.Cidr;
import io.disco.common.net.IpLiteral;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerFilterTest {

    private static InetAddress ip(String text) {
        return IpLiteral.parse(text);
    }

    @Test
    void deniesTheServersOwnNeighbourhoodByDefault() {
        PeerFilter filter = new PeerFilter(List.of(), List.of(), false);
        for (String denied : List.of("127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "169.254.1.2", "fe80::1",
                "224.0.0.1", "239.255.255.250", "ff02::1", "255.255.255.255")) {
            assertFalse(filter.allows(ip(denied)), denied);
        }
        for (String allowed : List.of("8.8.8.8", "192.0.2.1", "10.1.2.3", "2001:db8::1")) {
            assertTrue(filter.allows(ip(allowed)), allowed);
        }
    }

    @Test
    void namesTheRuleThatRefused() {
        PeerFilter filter = new PeerFilter(List.of(), List.of(Cidr.parse("10.0.0.0/8")), false);
        assertEquals("--deny-peer 10.0.0.0/8", filter.refusal(ip("10.9.9.9")).toString());
        assertTrue(filter.refusal(ip("127.0.0.1")).toString().contains("--allow-loopback-peers"));
        assertTrue(filter.refusal(ip("169.254.0.1")).toString().contains("169.254.0.0/16"));
    }

    @Test
    void loopbackSwitchAllowsLoopbackOnly() {
        PeerFilter filter = new PeerFilter(List.of(), List.of(), true);
        assertTrue(filter.allows(ip("127.0.0.1")));
        assertTrue(filter.allows(ip("::1")));
        assertFalse(filter.allows(ip("169.254.1.1")));
        assertFalse(filter.allows(ip("224.0.0.1")));
    }

    @Test
    void mostSpecificOperatorRuleWinsAndDenyWinsTies() {
        PeerFilter filter = new PeerFilter(
                List.of(Cidr.parse("10.1.2.3"), Cidr.parse("169.254.169.0/24"), Cidr.parse("192.168.0.0/16")),
                List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.0.0/16"), Cidr.parse("169.254.169.254/32")),
                false);
        assertTrue(filter.allows(ip("10.1.2.3")));
        assertFalse(filter.allows(ip("10.1.2.4")));
        assertFalse(filter.allows(ip("192.168.1.1")), "a tie is a deny");
        assertTrue(filter.allows(ip("169.254.169.1")), "an operator allow overrides a built-in denial");
        assertFalse(filter.allows(ip("169.254.169.254")));
        assertNull(filter.refusal(ip("8.8.4.4")));
    }

    @Test
    void cidrParsingAndMatching() {
        Cidr range = Cidr.parse("192.168.17.99/20");
        assertEquals("192.168.16.0/20", range.toString());
        assertTrue(range.contains(ip("192.168.31.255")));
        assertFalse(range.contains(ip("192.168.32.0")));
        assertTrue(Cidr.parse("2001:db8::/32").contains(ip("2001:db8:ffff::1")));
        assertFalse(Cidr.parse("2001:db8::/32").contains(ip("192.168.16.1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("1.2.3.4")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
    }
}
