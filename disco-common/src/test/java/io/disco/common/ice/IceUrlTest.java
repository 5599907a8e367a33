package io.disco.common.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IceUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"stun:stun.example.org", "stun:192.0.2.7:3478", "turn:turn.example.org:3478?transport=udp",
            "turn:turn.example.org?transport=tcp", "turns:turn.example.org:5349?transport=tcp", "turn:[2001:db8::1]:3478",
            "turns:localhost"})
    void aUrlReadsBackAsWritten(String text) {
        assertEquals(text, IceUrl.parse(text).toString());
    }

    @Test
    void theFieldsAreRead() {
        IceUrl url = IceUrl.parse("TURNS:Relay.Example.org:5349?transport=TCP");
        assertEquals(IceUrl.Scheme.TURNS, url.scheme());
        assertEquals("Relay.Example.org", url.host());
        assertEquals(OptionalInt.of(5349), url.port());
        assertEquals(Optional.of(IceUrl.Transport.TCP), url.transport());
        assertEquals("turns:Relay.Example.org:5349?transport=tcp", url.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "turn:", "http://example.org", "stuns:example.org", "turn://example.org:3478",
            "turn:example.org:0", "turn:example.org:65536", "turn:example.org:port", "turn:exa mple.org",
            "turn:example.org?transport=sctp", "turn:example.org?foo=udp", "stun:example.org?transport=udp",
            "turn:2001:db8::1", "turn:[example.org]", "turn:[2001:db8::g]", "turn:-example.org", "turn:example..org"})
    void aMalformedUrlIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> IceUrl.parse(text));
    }

    @Test
    void anIpv6HostIsBracketed() {
        assertEquals("turn:[::1]:3478?transport=udp",
                IceUrl.turn(IceUrl.Scheme.TURN, "::1", 3478, IceUrl.Transport.UDP).toString());
        assertEquals("turn:[::1]:3478?transport=udp",
                IceUrl.turn(IceUrl.Scheme.TURN, "[::1]", 3478, IceUrl.Transport.UDP).toString());
    }
}
