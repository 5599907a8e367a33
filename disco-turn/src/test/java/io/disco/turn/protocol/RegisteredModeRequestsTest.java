package io.disco.turn.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.ice.TurnRestCredential;
import io.disco.common.testing.MutableClock;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.allocation.Bandwidth;
import io.disco.turn.allocation.FakeRelayPorts;
import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.allocation.Lifetimes;
import io.disco.turn.allocation.Reservations;
import io.disco.turn.allocation.Transport;
import io.disco.turn.auth.Authenticator;
import io.disco.turn.auth.Credentials;
import io.disco.turn.auth.Nonces;
import io.disco.turn.auth.RegisteredApps;
import io.disco.turn.auth.TimeLimitedCredentials;
import io.disco.turn.auth.UnauthenticatedLimiter;
import io.disco.turn.peer.PeerFilter;
import io.disco.turn.stun.RequestDecoder;
import io.disco.turn.stun.ResponseEncoder;
import io.disco.turn.stun.StunRequest;
import io.disco.turn.testing.MapAppDirectory;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.Reply;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registered mode's authentication: only time-limited users expiry:AppID of registered applications. */
class RegisteredModeRequestsTest {

    static final String REALM = "main";
    static final String SECRET = "s3cret";
    static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.1", 3478);

    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final MapAppDirectory directory = new MapAppDirectory().register("com.example.chat");
    final AllocationTable allocations = new AllocationTable(10, 10);
    final FakeRelayPorts ports = new FakeRelayPorts();
    final RequestHandler handler = new RequestHandler(
            new Authenticator(REALM,
                    Credentials.registered(new TimeLimitedCredentials(List.of(SECRET), REALM, clock),
                            new RegisteredApps(directory, clock, app -> allocations.removeAccount(app.value(), clock.millis()))),
                    new Nonces(clock, Duration.ofMinutes(10))),
            new UnauthenticatedLimiter(clock, 64, 10, 20), allocations, ports,
            new Reservations(2), new PeerFilter(List.of(), List.of(), false),
            Lifetimes.withMaximum(Duration.ofHours(1)), null, Bandwidth.UNLIMITED, clock);

    int clientPort = 40000;

    Reply call(FiveTuple fiveTuple, byte[] request) {
        StunRequest decoded = RequestDecoder.decode(request, request.length);
        assertNotNull(decoded, "the request decodes");
        return Reply.of(ResponseEncoder.encode(handler.handle(decoded, fiveTuple, frame -> { })));
    }

    /** An Allocate from a fresh client address, signed as {@code username} with {@code password}. */
    Reply allocate(String username, String password) {
        FiveTuple fiveTuple = new FiveTuple(new InetSocketAddress("192.0.2.10", clientPort++), SERVER, Transport.UDP);
        Reply challenge = call(fiveTuple, Messages.allocate().encode());
        assertEquals(401, challenge.code());
        return call(fiveTuple,
                Messages.allocate().credentials(username, REALM, challenge.nonce(), password).fingerprint().encode());
    }

    /** A username of {@code app} the discovery API would hand out, good for an hour. */
    String userOf(String app) {
        return (clock.instant().getEpochSecond() + 3600) + ":" + app;
    }

    Reply allocateAs(String app) {
        String username = userOf(app);
        return allocate(username, TurnRestCredential.password(SECRET, username));
    }

    @Test
    void aRegisteredAppsClientAllocatesOnItsAccount() {
        Reply reply = allocateAs("com.example.chat");
        assertTrue(reply.isSuccess(), () -> "code " + reply.code());
        assertEquals("com.example.chat", allocations.all().iterator().next().account());
    }

    @Test
    void anUnknownAppIsUnauthorized() {
        assertEquals(401, allocateAs("com.example.other").code());
        assertEquals(0, allocations.size());
        // Authenticated, a Refresh without an allocation would get 437: the 401 is authentication's.
        FiveTuple fiveTuple = new FiveTuple(new InetSocketAddress("192.0.2.20", 1), SERVER, Transport.UDP);
        String username = userOf("com.example.other");
        Reply refresh = call(fiveTuple, Messages.refresh().credentials(username, REALM,
                call(fiveTuple, Messages.refresh().encode()).nonce(),
                TurnRestCredential.password(SECRET, username)).encode());
        assertEquals(401, refresh.code());
        assertNotNull(refresh.nonce(), "a challenge, as for any credentials refused");
    }

    @Test
    void theStaticUserIsOffEvenWhereAnAppHasItsName() {
        directory.register("test");
        assertEquals(401, allocate("test", "test").code());
    }

    @Test
    void aWrongPasswordNeverReachesTheDirectory() {
        assertEquals(401, allocate(userOf("com.example.chat"), "wrong").code());
        assertEquals(0, directory.lookups.get());
    }

    @Test
    void aDeletedAppIsUnauthorizedFromThenOnThoughItsAnswerWasRemembered() {
        assertTrue(allocateAs("com.example.chat").isSuccess());
        assertTrue(allocateAs("com.example.chat").isSuccess());
        assertEquals(1, directory.lookups.get(), "the second request was answered from memory");

        directory.delete("com.example.chat");
        assertEquals(401, allocateAs("com.example.chat").code());
        assertEquals(0, allocations.size());
    }

    @Test
    void aRememberedAnswerIsAskedAgainAfterAMinute() {
        assertTrue(allocateAs("com.example.chat").isSuccess());
        clock.advance(RegisteredApps.REMEMBERED);
        assertTrue(allocateAs("com.example.chat").isSuccess());
        assertEquals(2, directory.lookups.get());
    }

    @Test
    void anAppDeletedWhileItsAllocateIsAnsweredKeepsNoAllocation() {
        assertTrue(allocateAs("com.example.chat").isSuccess());
        ports.whileOpening = () -> directory.delete("com.example.chat");
        assertEquals(401, allocateAs("com.example.chat").code());
        assertEquals(0, allocations.size());
        assertTrue(ports.opened.stream().allMatch(relay -> relay.closed), "every relay closed");
    }
}
