package io.disco.turn.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.ice.TurnRestCredential;
import io.disco.common.net.Cidr;
import io.disco.common.testing.MutableClock;
import io.disco.turn.allocation.Allocation;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.allocation.Bandwidth;
import io.disco.turn.allocation.FakeRelay;
import io.disco.turn.allocation.FakeRelayPorts;
import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.allocation.Lifetimes;
import io.disco.turn.allocation.Reservations;
import io.disco.turn.allocation.Transport;
import io.disco.turn.auth.Authenticator;
import io.disco.turn.auth.Credentials;
import io.disco.turn.auth.LongTermKey;
import io.disco.turn.auth.Nonces;
import io.disco.turn.auth.TimeLimitedCredentials;
import io.disco.turn.auth.UnauthenticatedLimiter;
import io.disco.turn.peer.PeerFilter;
import io.disco.turn.stun.RequestDecoder;
import io.disco.turn.stun.ResponseEncoder;
import io.disco.turn.stun.StunRequest;
import io.disco.turn.stun.StunResponse;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.Reply;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every method and error of the request handler, without sockets, the clock moved by hand. */
class RequestHandlerTest {

    static final String REALM = "main";
    static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.1", 3478);
    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.10", 40000);
    static final InetSocketAddress PEER = new InetSocketAddress("203.0.113.5", 7000);

    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final AllocationTable allocations = new AllocationTable(4, 2);
    final FakeRelayPorts ports = new FakeRelayPorts();
    final List<FakeRelay> relays = ports.opened;
    final Reservations reservations = new Reservations(2);
    final RequestHandler handler = new RequestHandler(
            new Authenticator(REALM,
                    new Credentials("test", "test", REALM,
                            new TimeLimitedCredentials(List.of("new-secret", "old-secret"), REALM, clock)),
                    new Nonces(clock, Duration.ofMinutes(10))),
            new UnauthenticatedLimiter(clock, 64, 10, 20), allocations,
            ports, reservations,
            new PeerFilter(List.of(), List.of(Cidr.parse("10.0.0.0/8")), false),
            Lifetimes.withMaximum(Duration.ofHours(1)), null, Bandwidth.UNLIMITED, clock);

    static FiveTuple tuple(InetSocketAddress client) {
        return new FiveTuple(client, SERVER, Transport.UDP);
    }

    Reply call(FiveTuple fiveTuple, byte[] request) {
        StunRequest decoded = RequestDecoder.decode(request, request.length);
        assertNotNull(decoded, "the request decodes");
        StunResponse response = handler.handle(decoded, fiveTuple, frame -> { });
        return response == null ? null : Reply.of(ResponseEncoder.encode(response));
    }

    Reply call(byte[] request) {
        return call(tuple(CLIENT), request);
    }

    String nonce(FiveTuple fiveTuple) {
        Reply challenge = call(fiveTuple, Messages.allocate().encode());
        assertEquals(401, challenge.code());
        return challenge.nonce();
    }

    Messages signed(Messages request, String nonce) {
        return request.credentials("test", REALM, nonce, "test").fingerprint();
    }

    Reply allocate(FiveTuple fiveTuple) {
        return call(fiveTuple, signed(Messages.allocate(), nonce(fiveTuple)).encode());
    }

    @Test
    void bindingReflectsTheClientUnauthenticated() {
        Reply reply = call(Messages.binding().encode());
        assertTrue(reply.isSuccess());
        assertEquals(CLIENT, reply.mapped());
        assertTrue(reply.hasFingerprint());
        assertFalse(reply.hasIntegrity());
    }

    @Test
    void allocateWithoutCredentialsIsChallenged() {
        Reply reply = call(Messages.allocate().encode());
        assertEquals(401, reply.code());
        assertEquals(REALM, reply.realm());
        assertNotNull(reply.nonce());
        assertFalse(reply.hasIntegrity(), "nothing to sign a challenge with");
        assertFalse(reply.hasFingerprint(), "the request had none");
        assertEquals(0, allocations.size());
    }

    @Test
    void allocateAuthenticated() {
        Reply reply = allocate(tuple(CLIENT));
        assertTrue(reply.isSuccess(), () -> "code " + reply.code());
        // --address left unspecified: the server address the client used, with the relay's port.
        assertEquals(new InetSocketAddress(SERVER.getAddress(), 50000), reply.relayed());
        assertEquals(CLIENT, reply.mapped());
        assertEquals(600, reply.lifetime());
        assertTrue(reply.signedWith(LongTermKey.of("test", REALM, "test")));
        assertTrue(reply.hasFingerprint());
        assertEquals(1, allocations.size());
        assertNotNull(relays.get(0).owner, "the relay delivers to the allocation");
    }

    @Test
    void wrongPasswordOrUserIsUnauthorized() {
        String nonce = nonce(tuple(CLIENT));
        Reply wrongPassword = call(Messages.allocate().credentials("test", REALM, nonce, "nope").encode());
        assertEquals(401, wrongPassword.code());
        assertNotNull(wrongPassword.nonce());
        assertEquals(401, call(Messages.allocate().credentials("who", REALM, nonce, "test").encode()).code());
        assertEquals(401, call(Messages.allocate().credentials("test", "other", nonce, "test").encode()).code());
        assertEquals(0, allocations.size());
    }

    @Test
    void missingNonceIsBadRequest() {
        Reply reply = call(Messages.allocate().credentials("test", REALM, null, "test").encode());
        assertEquals(400, reply.code());
    }

    @Test
    void staleNonceGets438AndAFreshOneWorks() {
        String nonce = nonce(tuple(CLIENT));
        clock.advance(Nonces.DEFAULT_LIFETIME);
        Reply stale = call(signed(Messages.allocate(), nonce).encode());
        assertEquals(438, stale.code());
        assertEquals(REALM, stale.realm());
        assertNotEquals(nonce, stale.nonce());
        assertTrue(call(signed(Messages.allocate(), stale.nonce()).encode()).isSuccess());
    }

    @Test
    void aNonceIsBoundToItsClientAddress() {
        String nonce = nonce(tuple(CLIENT));
        Reply reply = call(tuple(new InetSocketAddress("192.0.2.11", 40000)),
                signed(Messages.allocate(), nonce).encode());
        assertEquals(438, reply.code());
    }

    @Test
    void onlyUdpRelaying() {
        String nonce = nonce(tuple(CLIENT));
        Reply tcp = call(signed(Messages.allocate(6), nonce).encode());
        assertEquals(442, tcp.code());
        assertTrue(tcp.signedWith(LongTermKey.of("test", REALM, "test")), "errors after authentication are signed");
        Reply none = call(signed(Messages.allocate().without(org.ice4j.attribute.Attribute.REQUESTED_TRANSPORT), nonce)
                .encode());
        assertEquals(400, none.code());
    }

    @Test
    void unknownComprehensionRequiredAttributesGet420() {
        String nonce = nonce(tuple(CLIENT));
        Reply reply = call(signed(Messages.allocate().withRaw(0x0030, new byte[4]), nonce).encode());
        assertEquals(420, reply.code());
        assertTrue(reply.lists(0x0030), "listed in UNKNOWN-ATTRIBUTES");
        assertTrue(reply.signedWith(LongTermKey.of("test", REALM, "test")));
        assertEquals(0, allocations.size());
        Reply optional = call(signed(Messages.allocate().withRaw(0xC057, new byte[4]), nonce).encode());
        assertTrue(optional.isSuccess(), "comprehension-optional attributes are ignored");
    }

    @Test
    void aBindingRequestWithAnUnknownComprehensionRequiredAttributeGets420() {
        Reply reply = call(Messages.binding().withRaw(0x0030, new byte[4]).withRaw(0x0031, new byte[4]).encode());
        assertEquals(420, reply.code());
        assertTrue(reply.lists(0x0030) && reply.lists(0x0031), "both listed in UNKNOWN-ATTRIBUTES");
        assertNull(reply.mapped());
        assertTrue(reply.hasFingerprint(), "fingerprinted as every Binding answer");
        assertFalse(reply.hasIntegrity());
        assertTrue(call(Messages.binding().withRaw(0xC057, new byte[4]).encode()).isSuccess(),
                "comprehension-optional attributes are ignored");
    }

    @Test
    void anIceAgentsBindingRequestSucceeds() {
        // PRIORITY and USE-CANDIDATE are comprehension-required; ICE-CONTROLLING is optional.
        Reply reply = call(Messages.binding().withRaw(0x0024, new byte[] {0x6e, 0, 0x1e, (byte) 0xff})
                .withRaw(0x0025, new byte[0]).withRaw(0x802A, new byte[8]).encode());
        assertTrue(reply.isSuccess(), () -> "code " + reply.code());
        assertEquals(CLIENT, reply.mapped());
    }

    @Test
    void unknownAttributesAreLookedForOnlyAfterAuthentication() {
        // RFC 5389 §7.3: the unknown-attribute check follows the long-term credential checks.
        Reply unauthenticated = call(Messages.allocate().withRaw(0x0030, new byte[4]).encode());
        assertEquals(401, unauthenticated.code());
        assertFalse(unauthenticated.lists(0x0030));
        String nonce = unauthenticated.nonce();
        Reply wrongPassword = call(Messages.allocate().withRaw(0x0030, new byte[4])
                .credentials("test", REALM, nonce, "wrong").encode());
        assertEquals(401, wrongPassword.code());
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
        Reply refresh = call(signed(Messages.refresh().withRaw(0x0030, new byte[4]), nonce).encode());
        assertEquals(420, refresh.code());
        assertTrue(refresh.lists(0x0030));
        assertTrue(refresh.signedWith(LongTermKey.of("test", REALM, "test")));
    }

    @Test
    void evenPort() {
        ports.taken.add(50000);
        String nonce = nonce(tuple(CLIENT));
        // EVEN-PORT as RFC 5766 §14.6 encodes it (ice4j writes a one-byte value it cannot read back).
        Reply reply = call(signed(Messages.allocate().withRaw(0x0018, new byte[] {0}), nonce).encode());
        assertTrue(reply.isSuccess(), () -> "code " + reply.code());
        assertEquals(50002, reply.relayed().getPort());
        assertEquals(null, reply.reservationToken());
    }

    @Test
    void evenPortReservesTheNextOneForItsToken() {
        String nonce = nonce(tuple(CLIENT));
        Reply first = call(signed(Messages.allocate().withRaw(0x0018, new byte[] {(byte) 0x80}), nonce).encode());
        assertTrue(first.isSuccess(), () -> "code " + first.code());
        int even = first.relayed().getPort();
        assertEquals(0, even % 2);
        byte[] token = first.reservationToken();
        assertEquals(8, token.length);
        assertEquals(1, reservations.size());

        FiveTuple second = tuple(new InetSocketAddress("192.0.2.10", 40001));
        Reply odd = call(second, signed(Messages.allocate().withRaw(0x0022, token), nonce(second)).encode());
        assertTrue(odd.isSuccess(), () -> "code " + odd.code());
        assertEquals(even + 1, odd.relayed().getPort());

        // "test" has its two allocations: a time-limited user tries the token again.
        FiveTuple third = tuple(new InetSocketAddress("192.0.2.14", 40001));
        String erin = (clock.instant().getEpochSecond() + 600) + ":erin";
        String password = TurnRestCredential.password("new-secret", erin);
        assertEquals(508, call(third, Messages.allocate().withRaw(0x0022, token)
                .credentials(erin, REALM, nonce(third), password).encode()).code(), "a token is good once");
        assertEquals(400, call(third, Messages.allocate().withRaw(0x0018, new byte[] {0}).withRaw(0x0022, token)
                .credentials(erin, REALM, nonce(third), password).encode()).code());
    }

    @Test
    void reservationsExpireAfterThirtySeconds() {
        String nonce = nonce(tuple(CLIENT));
        byte[] token = call(signed(Messages.allocate().withRaw(0x0018, new byte[] {(byte) 0x80}), nonce).encode())
                .reservationToken();
        FakeRelay reserved = relays.get(relays.size() - 1);
        clock.advance(Reservations.LIFETIME);
        reservations.sweep(clock.millis());
        assertTrue(reserved.closed, "the reserved port is released");
        FiveTuple second = tuple(new InetSocketAddress("192.0.2.10", 40001));
        assertEquals(508, call(second, signed(Messages.allocate().withRaw(0x0022, token), nonce(second)).encode())
                .code());
    }

    @Test
    void dontFragmentIsAccepted() {
        String nonce = nonce(tuple(CLIENT));
        Reply reply = call(signed(Messages.allocate().withRaw(0x001A, new byte[0]), nonce).encode());
        assertTrue(reply.isSuccess(), () -> "code " + reply.code());
    }

    @Test
    void createPermissionForSeveralPeersAtOnce() {
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
        InetSocketAddress second = new InetSocketAddress("203.0.113.9", 1);
        // XOR-PEER-ADDRESS of 203.0.113.9:1, masked with the magic cookie (IPv4 needs no transaction ID).
        byte[] xorPeer = {0, 1, (byte) (0 ^ 0x21), (byte) (1 ^ 0x12),
                (byte) (203 ^ 0x21), (byte) (0 ^ 0x12), (byte) (113 ^ 0xA4), (byte) (9 ^ 0x42)};
        Reply reply = call(signed(Messages.createPermission(PEER).withRaw(0x0012, xorPeer), nonce(tuple(CLIENT)))
                .encode());
        assertTrue(reply.isSuccess(), () -> "code " + reply.code());
        Allocation allocation = allocations.get(tuple(CLIENT), clock.millis());
        assertTrue(allocation.permits(PEER.getAddress(), clock.millis()));
        assertTrue(allocation.permits(second.getAddress(), clock.millis()));
    }

    @Test
    void secondAllocateOnTheSameFiveTupleIsAMismatchButARetransmissionIsAnswered() {
        String nonce = nonce(tuple(CLIENT));
        Messages first = signed(Messages.allocate(), nonce);
        byte[] firstBytes = first.encode();
        Reply created = call(firstBytes);
        assertTrue(created.isSuccess());
        Reply retransmitted = call(firstBytes);
        assertTrue(retransmitted.isSuccess());
        assertEquals(created.relayed(), retransmitted.relayed());
        assertEquals(437, call(signed(Messages.allocate(), nonce).encode()).code());
        assertEquals(1, allocations.size());
    }

    @Test
    void requestsWithoutAnAllocationGet437() {
        String nonce = nonce(tuple(CLIENT));
        assertEquals(437, call(signed(Messages.refresh(600), nonce).encode()).code());
        assertEquals(437, call(signed(Messages.createPermission(PEER), nonce).encode()).code());
        assertEquals(437, call(signed(Messages.channelBind(0x4000, PEER), nonce).encode()).code());
    }

    @Test
    void allocationExpiresWithoutRefresh() {
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
        String nonce = nonce(tuple(CLIENT));
        clock.advance(Duration.ofSeconds(599));
        assertTrue(call(signed(Messages.refresh(), nonce).encode()).isSuccess(), "refreshed just in time");
        clock.advance(Duration.ofSeconds(599));
        Reply refreshed = call(signed(Messages.refresh(), nonce(tuple(CLIENT))).encode());
        assertTrue(refreshed.isSuccess());
        clock.advance(Duration.ofSeconds(600));
        assertEquals(437, call(signed(Messages.refresh(), nonce(tuple(CLIENT))).encode()).code());
        assertEquals(0, allocations.size());
        assertTrue(relays.get(0).closed);
    }

    @Test
    void refreshLifetimesAreCappedAndZeroDeletes() {
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
        String nonce = nonce(tuple(CLIENT));
        assertEquals(3600, call(signed(Messages.refresh(86_400), nonce).encode()).lifetime());
        assertEquals(1200, call(signed(Messages.refresh(1200), nonce).encode()).lifetime());
        assertEquals(600, call(signed(Messages.refresh(30), nonce).encode()).lifetime());
        Reply deleted = call(signed(Messages.refresh(0), nonce).encode());
        assertTrue(deleted.isSuccess());
        assertEquals(0, deleted.lifetime());
        assertEquals(0, allocations.size());
        assertTrue(relays.get(0).closed);
    }

    @Test
    void quotas() {
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
        assertTrue(allocate(tuple(new InetSocketAddress("192.0.2.10", 40001))).isSuccess());
        Reply third = allocate(tuple(new InetSocketAddress("192.0.2.10", 40002)));
        assertEquals(486, third.code(), "two per user");
        String restUser = (clock.instant().getEpochSecond() + 600) + ":carol";
        String password = TurnRestCredential.password("new-secret", restUser);
        for (int port = 40010; port < 40012; port++) {
            FiveTuple fiveTuple = tuple(new InetSocketAddress("192.0.2.12", port));
            Reply reply = call(fiveTuple,
                    Messages.allocate().credentials(restUser, REALM, nonce(fiveTuple), password).encode());
            assertTrue(reply.isSuccess(), () -> "code " + reply.code());
        }
        FiveTuple fifth = tuple(new InetSocketAddress("192.0.2.13", 1));
        String otherRestUser = (clock.instant().getEpochSecond() + 600) + ":dave";
        Reply full = call(fifth, Messages.allocate().credentials(otherRestUser, REALM, nonce(fifth),
                TurnRestCredential.password("new-secret", otherRestUser)).encode());
        assertEquals(486, full.code(), "four in all");
    }

    @Test
    void noFreeRelayPortIs508AndGivesTheQuotaBack() {
        ports.free = 0;
        assertEquals(508, allocate(tuple(CLIENT)).code());
        ports.free = 1;
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
    }

    @Test
    void timeLimitedCredentials() {
        long now = clock.instant().getEpochSecond();
        String user = (now + 60) + ":alice";
        String nonce = nonce(tuple(CLIENT));
        assertTrue(call(Messages.allocate().credentials(user, REALM, nonce,
                TurnRestCredential.password("old-secret", user)).encode()).isSuccess(), "rotated-out secret still on");
        clock.advance(Duration.ofSeconds(60));
        String nonce2 = nonce(tuple(CLIENT));
        Reply expired = call(Messages.refresh().credentials(user, REALM, nonce2,
                TurnRestCredential.password("new-secret", user)).encode());
        assertEquals(401, expired.code(), "an expired username is refused");
    }

    @Test
    void anotherUserOnTheSameFiveTupleGets441() {
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
        String user = (clock.instant().getEpochSecond() + 600) + ":mallory";
        Reply reply = call(Messages.createPermission(PEER).credentials(user, REALM, nonce(tuple(CLIENT)),
                TurnRestCredential.password("new-secret", user)).encode());
        assertEquals(441, reply.code());
    }

    @Test
    void createPermissionAndItsExpiry() {
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
        Allocation allocation = allocations.get(tuple(CLIENT), clock.millis());
        String nonce = nonce(tuple(CLIENT));
        assertTrue(call(signed(Messages.createPermission(PEER), nonce).encode()).isSuccess());
        assertTrue(allocation.permits(PEER.getAddress(), clock.millis()));
        clock.advance(Duration.ofSeconds(299));
        assertTrue(allocation.permits(PEER.getAddress(), clock.millis()));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(allocation.permits(PEER.getAddress(), clock.millis()), "permissions last 300 s");
    }

    @Test
    void forbiddenPeersGet403() {
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
        String nonce = nonce(tuple(CLIENT));
        assertEquals(403, call(signed(Messages.createPermission(new InetSocketAddress("127.0.0.1", 22)), nonce)
                .encode()).code());
        assertEquals(403, call(signed(Messages.createPermission(new InetSocketAddress("10.1.1.1", 80)), nonce)
                .encode()).code(), "--deny-peer 10.0.0.0/8");
        assertEquals(403, call(signed(Messages.channelBind(0x4000, new InetSocketAddress("169.254.169.254", 80)),
                nonce).encode()).code());
        Allocation allocation = allocations.get(tuple(CLIENT), clock.millis());
        assertFalse(allocation.permits(new InetSocketAddress("127.0.0.1", 22).getAddress(), clock.millis()));
    }

    @Test
    void requestedAddressFamily() {
        String nonce = nonce(tuple(CLIENT));
        // coturn's turnutils_uclient always sends REQUESTED-ADDRESS-FAMILY.
        Reply ipv4 = call(signed(Messages.allocate().withRaw(0x0017, new byte[] {1, 0, 0, 0}), nonce).encode());
        assertTrue(ipv4.isSuccess(), () -> "code " + ipv4.code());
        FiveTuple other = tuple(new InetSocketAddress("192.0.2.10", 40001));
        assertEquals(440, call(other, signed(Messages.allocate().withRaw(0x0017, new byte[] {2, 0, 0, 0}),
                nonce(other)).encode()).code(), "no IPv6 address of this server is known to an IPv4 client");
        assertEquals(440, call(other, signed(Messages.allocate().withRaw(0x0017, new byte[] {3, 0, 0, 0}),
                nonce(other)).encode()).code());
        assertEquals(1, allocations.size());
    }

    @Test
    void anIpv6RelayForAClientThatReachedTheServerOverIpv6() {
        FiveTuple v6 = new FiveTuple(new InetSocketAddress("2001:db8::10", 40000),
                new InetSocketAddress("2001:db8::1", 3478), Transport.UDP);
        Reply reply = call(v6, signed(Messages.allocate().withRaw(0x0017, new byte[] {2, 0, 0, 0}), nonce(v6))
                .encode());
        assertTrue(reply.isSuccess(), () -> "code " + reply.code());
        assertEquals(new InetSocketAddress("2001:db8::1", relays.get(0).bound.getPort()), reply.relayed());
    }

    @Test
    void noIpv6RelayWhenRelayBindIsAnIpv4Address() {
        ports.ipv6 = false;
        FiveTuple v6 = new FiveTuple(new InetSocketAddress("2001:db8::10", 40000),
                new InetSocketAddress("2001:db8::1", 3478), Transport.UDP);
        assertEquals(440, call(v6, signed(Messages.allocate().withRaw(0x0017, new byte[] {2, 0, 0, 0}), nonce(v6))
                .encode()).code());
        assertTrue(relays.isEmpty(), "refused before any socket was opened");
        assertEquals(0, allocations.size());
    }

    @Test
    void peersOfTheOtherFamilyGet443() {
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
        assertEquals(443, call(signed(Messages.createPermission(new InetSocketAddress("2001:db8::1", 9)),
                nonce(tuple(CLIENT))).encode()).code(), "an IPv4 relay cannot reach an IPv6 peer");
    }

    @Test
    void ipv6ClientOfAnIpv4RelayWithoutAddressGets440() {
        FiveTuple v6 = new FiveTuple(new InetSocketAddress("2001:db8::10", 40000),
                new InetSocketAddress("2001:db8::1", 3478), Transport.UDP);
        assertEquals(440, call(v6, signed(Messages.allocate(), nonce(v6)).encode()).code());
        assertEquals(0, allocations.size());
        assertTrue(relays.get(0).closed);
    }

    @Test
    void channelBindAndItsRules() {
        assertTrue(allocate(tuple(CLIENT)).isSuccess());
        Allocation allocation = allocations.get(tuple(CLIENT), clock.millis());
        String nonce = nonce(tuple(CLIENT));
        assertTrue(call(signed(Messages.channelBind(0x4000, PEER), nonce).encode()).isSuccess());
        assertNotNull(allocation.channel(0x4000, clock.millis()));
        assertTrue(allocation.permits(PEER.getAddress(), clock.millis()));
        assertEquals(400, call(signed(Messages.channelBind(0x3FFF, PEER), nonce).encode()).code());
        assertEquals(400, call(signed(Messages.channelBind(0x4000, new InetSocketAddress("203.0.113.6", 7000)), nonce)
                .encode()).code(), "number bound to another peer");
        assertEquals(400, call(signed(Messages.channelBind(0x4001, PEER), nonce).encode()).code(),
                "peer bound to another number");
        clock.advance(Duration.ofSeconds(600));
        assertNull(allocation.channel(0x4000, clock.millis()), "bindings last 600 s");
    }

    @Test
    void challengesAreRateLimitedPerSource() {
        int answered = 0;
        for (int i = 0; i < 30; i++) {
            if (call(Messages.allocate().encode()) != null) {
                answered++;
            }
        }
        assertEquals(20, answered);
        assertEquals(10, handler.unansweredChallenges());
        assertNotNull(call(tuple(new InetSocketAddress("192.0.2.99", 1)), Messages.allocate().encode()));
        assertNotNull(call(Messages.binding().encode()), "Binding is not limited");
    }

    @Test
    void challengesOverStreamsAreNotRateLimited() {
        FiveTuple tcp = new FiveTuple(CLIENT, SERVER, Transport.TCP);
        for (int i = 0; i < 30; i++) {
            assertEquals(401, call(tcp, Messages.allocate().encode()).code());
        }
        assertEquals(0, handler.unansweredChallenges());
    }
}
