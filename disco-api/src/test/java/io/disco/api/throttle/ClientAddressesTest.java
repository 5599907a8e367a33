package io.disco.api.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.disco.common.net.Cidr;
import io.disco.common.net.IpLiteral;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static final InetAddress PROXY = IpLiteral.parse("10.0.0.2");
    private final ClientAddresses behindProxies = new ClientAddresses(
            List.of(Cidr.parse("10.0.0.0/24"), Cidr.parse("2001:db8::/32")));

    private static InetAddress ip(String text) {
        return IpLiteral.parse(text);
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverItForwards() {
        assertEquals(PROXY, new ClientAddresses(List.of()).clientOf(PROXY, List.of("198.51.100.7")));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        InetAddress stranger = ip("203.0.113.5");
        assertEquals(stranger, behindProxies.clientOf(stranger, List.of("198.51.100.7")));
    }

    @Test
    void aTrustedPeerNamesTheClientAsTheRightMostAddressNotItselfTrusted() {
        assertEquals(ip("198.51.100.7"), behindProxies.clientOf(PROXY, List.of("198.51.100.7")));
        // The client may write anything left of what the first proxy appended.
        assertEquals(ip("198.51.100.7"),
                behindProxies.clientOf(PROXY, List.of("1.2.3.4, 198.51.100.7, 10.0.0.9")));
        assertEquals(ip("198.51.100.7"), behindProxies.clientOf(PROXY, List.of("1.2.3.4", "198.51.100.7, 10.0.0.9")));
    }

    @Test
    void readsPortsAndBracketedIpv6AsProxiesWriteThem() {
        assertEquals(ip("198.51.100.7"), behindProxies.clientOf(PROXY, List.of("198.51.100.7:51234")));
        assertEquals(ip("2001:dc8::1"), behindProxies.clientOf(PROXY, List.of("[2001:dc8::1]:443")));
        assertEquals(ip("2001:dc8::1"), behindProxies.clientOf(PROXY, List.of("2001:dc8::1")));
    }

    @Test
    void trustEndsAtAnythingThatIsNotAnAddress() {
        assertEquals(ip("10.0.0.9"), behindProxies.clientOf(PROXY, List.of("198.51.100.7, unknown, 10.0.0.9")));
        assertEquals(PROXY, behindProxies.clientOf(PROXY, List.of("example.com")));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertEquals(ip("10.0.0.5"), behindProxies.clientOf(PROXY, List.of("10.0.0.5, 10.0.0.9")));
        assertEquals(PROXY, behindProxies.clientOf(PROXY, List.of()));
    }
}
