package io.disco.turn.protocol;

import io.disco.turn.allocation.Allocation;
import io.disco.turn.allocation.AllocationAudit;
import io.disco.turn.allocation.Bandwidth;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.allocation.ChannelBinding;
import io.disco.turn.allocation.ClientLink;
import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.allocation.Lifetimes;
import io.disco.turn.allocation.RelayEndpoint;
import io.disco.turn.allocation.RelayPorts;
import io.disco.turn.allocation.Reservations;
import io.disco.turn.allocation.Transport;
import io.disco.turn.auth.Authenticator;
import io.disco.turn.auth.UnauthenticatedLimiter;
import io.disco.turn.auth.User;
import io.disco.turn.auth.Verdict;
import io.disco.turn.peer.PeerFilter;
import io.disco.turn.peer.PeerRule;
import io.disco.turn.stun.Method;
import io.disco.turn.stun.StunRequest;
import io.disco.turn.stun.StunResponse;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STUN/TURN requests: Binding, Allocate, Refresh, CreatePermission and ChannelBind (RFC 5389,
 * RFC 5766). Takes typed requests and the 5-tuple they came on and returns typed responses; knows
 * nothing of sockets or of the transport, so TCP and TLS plug in beside UDP.
 */
public final class RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    /** REQUESTED-TRANSPORT's protocol number for UDP, the only relay transport of RFC 5766. */
    static final int UDP = 17;
    /** REQUESTED-ADDRESS-FAMILY's values (RFC 6156). */
    static final int IPV4 = 0x01;
    static final int IPV6 = 0x02;

    private final Authenticator authenticator;
    private final UnauthenticatedLimiter limiter;
    private final AllocationTable allocations;
    private final RelayPorts relayPorts;
    private final Reservations reservations;
    private final PeerFilter peerFilter;
    private final Lifetimes lifetimes;
    private final InetAddress advertised;
    private final Bandwidth bandwidth;
    private final Clock clock;
    private final RequestCounts counts = new RequestCounts();
    // Set once, when the server drains; the alternate server before the flag, which publishes it.
    private volatile boolean draining;
    private Supplier<Optional<InetSocketAddress>> alternateServer = Optional::empty;

    /**
     * @param advertised the address of XOR-RELAYED-ADDRESS, or null to advertise the server address
     *                   the client's request arrived on
     */
    public RequestHandler(Authenticator authenticator, UnauthenticatedLimiter limiter, AllocationTable allocations,
                          RelayPorts relayPorts, Reservations reservations, PeerFilter peerFilter, Lifetimes lifetimes,
                          InetAddress advertised, Bandwidth bandwidth, Clock clock) {
        this.bandwidth = bandwidth;
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.allocations = allocations;
        this.relayPorts = relayPorts;
        this.reservations = reservations;
        this.peerFilter = peerFilter;
        this.lifetimes = lifetimes;
        this.advertised = advertised;
        this.clock = clock;
    }

    /**
     * Answers {@code request}, which arrived on {@code fiveTuple}; {@code link} is the way back to
     * the client should the request create an allocation.
     *
     * @return the response, or null when none is to be sent (a rate-limited challenge)
     */
    public StunResponse handle(StunRequest request, FiveTuple fiveTuple, ClientLink link) {
        if (request.method() == Method.BINDING) {
            counts.bindings.increment();
            // Binding asks for no credentials, so the attribute check is the only one (RFC 5389 §7.3).
            StunResponse response = request.unknownRequired().isEmpty()
                    ? StunResponse.success(request).withXorMapped(fiveTuple.client())
                    : unknownAttributes(request);
            return response.withFingerprint();
        }
        // RFC 5389 §7.3 checks for unknown attributes "once the authentication checks are done"
        // (§10.2.2): a request without valid credentials is challenged whatever it carries, and
        // the 420 goes only to an authenticated client, signed like every answer after the checks.
        Verdict verdict = authenticator.check(request, fiveTuple.client());
        if (!verdict.authenticated()) {
            return reject(request, fiveTuple, verdict);
        }
        User user = verdict.user();
        StunResponse response = !request.unknownRequired().isEmpty() ? unknownAttributes(request)
                : switch (request.method()) {
                    case ALLOCATE -> allocate(request, fiveTuple, link, user);
                    case REFRESH -> refresh(request, fiveTuple, user);
                    case CREATE_PERMISSION -> createPermission(request, fiveTuple, user);
                    case CHANNEL_BIND -> channelBind(request, fiveTuple, user);
                    case BINDING -> throw new IllegalStateException("answered above");
                };
        return response.signedWith(user.key());
    }

    /** 420, listing the comprehension-required attributes of {@code request} this server does not know. */
    private static StunResponse unknownAttributes(StunRequest request) {
        return StunResponse.error(request, 420, "Unknown Attribute").withUnknownAttributes(request.unknownRequired());
    }

    /** Challenges (401, 438) not sent because their source asked too often (UDP only). */
    public long unansweredChallenges() {
        return counts.unansweredChallenges();
    }

    /** What the requests came to so far. */
    public RequestCounts counts() {
        return counts;
    }

    /**
     * Turns every new allocation away from now on, with 300 (Try Alternate) naming the server
     * {@code alternateServer} gives at that moment when it gives one (RFC 8489 §10, RFC 8656 §7.2),
     * else 403; existing allocations are refreshed, and get permissions and channels, as before.
     */
    public void drain(Supplier<Optional<InetSocketAddress>> alternateServer) {
        this.alternateServer = alternateServer;
        draining = true;
    }

    /** Whether new allocations are turned away. */
    public boolean draining() {
        return draining;
    }

    private StunResponse reject(StunRequest request, FiveTuple fiveTuple, Verdict verdict) {
        if (verdict.errorCode() == 438) {
            counts.staleNonces.increment();
        } else if (request.method() == Method.ALLOCATE && request.hasIntegrity()) {
            counts.refuse(RequestCounts.Refusal.AUTH);
        }
        // Reflection needs a spoofed source, which a TCP handshake rules out; and a client on a
        // stream never retransmits, so a withheld answer would leave it waiting for good. Streams
        // bound failing clients per connection instead.
        if (fiveTuple.transport() == Transport.UDP && !limiter.tryAcquire(fiveTuple.client().getAddress())) {
            counts.unansweredChallenges.increment();
            return null;
        }
        if (verdict.errorCode() == 401) {
            counts.unauthorized.increment();
        }
        StunResponse response = StunResponse.error(request, verdict.errorCode(), verdict.reason());
        return verdict.challenges()
                ? response.withRealmAndNonce(authenticator.realm(), authenticator.nonceFor(fiveTuple.client()))
                : response;
    }

    private StunResponse allocate(StunRequest request, FiveTuple fiveTuple, ClientLink link, User user) {
        long now = clock.millis();
        Allocation existing = allocations.get(fiveTuple, now);
        if (existing != null) {
            // A retransmission of the Allocate that made it gets the same answer (RFC 5766 §6.2).
            return existing.createdBy(request.transactionId()) && existing.username().equals(user.username())
                    ? allocated(request, existing, now)
                    : StunResponse.error(request, 437, "Allocation Mismatch");
        }
        if (draining) {
            counts.refuse(RequestCounts.Refusal.DRAINING);
            return alternateServer.get()
                    .map(alternate -> StunResponse.error(request, 300, "Try Alternate").withAlternateServer(alternate))
                    .orElseGet(() -> StunResponse.error(request, 403, "Forbidden: the server is draining"));
        }
        if (request.requestedTransport() == null) {
            return StunResponse.error(request, 400, "Bad Request: no REQUESTED-TRANSPORT");
        }
        if (request.requestedTransport() != UDP) {
            return StunResponse.error(request, 442, "Unsupported Transport Protocol");
        }
        if (request.reservationToken() != null && (request.evenPort() != null || request.addressFamily() != null)) {
            return StunResponse.error(request, 400, "Bad Request: RESERVATION-TOKEN with EVEN-PORT or an address family");
        }
        // RFC 6156: the family asked for, IPv4 when none is.
        boolean ipv6 = request.addressFamily() != null && request.addressFamily() == IPV6;
        if (request.addressFamily() != null && request.addressFamily() != IPV4 && !ipv6
                || request.reservationToken() == null && !relayPorts.serves(ipv6)) {
            return StunResponse.error(request, 440, "Address Family not Supported");
        }
        AllocationTable.Quota quota = allocations.reserve(user.account());
        if (quota != AllocationTable.Quota.GRANTED) {
            counts.refuse(quota == AllocationTable.Quota.ACCOUNT_FULL
                    ? RequestCounts.Refusal.QUOTA : RequestCounts.Refusal.CAPACITY);
            return StunResponse.error(request, 486, quota == AllocationTable.Quota.ACCOUNT_FULL
                    ? "Allocation Quota Reached" : "Allocation Quota Reached: server full");
        }
        InetAddress serverAddress = fiveTuple.server().getAddress();
        OpenedRelay opened = openRelay(request, ipv6, now);
        if (opened == null) {
            allocations.release(user.account());
            counts.refuse(RequestCounts.Refusal.CAPACITY);
            return StunResponse.error(request, 508, "Insufficient Capacity");
        }
        RelayEndpoint relay = opened.endpoint();
        InetAddress relayedAddress = relayedAddress(serverAddress, relay);
        // No address of the relay's family to tell the client (an IPv4 --address, an IPv6 relay).
        if (relayedAddress == null || !sameFamily(relayedAddress, relay.boundAddress().getAddress())) {
            relay.close();
            allocations.release(user.account());
            return StunResponse.error(request, 440, "Address Family not Supported");
        }
        Duration lifetime = lifetimes.grant(request.lifetime());
        InetSocketAddress relayed = new InetSocketAddress(relayedAddress, relay.boundAddress().getPort());
        Allocation allocation = new Allocation(fiveTuple, user.username(), user.account(), relay, link, relayed,
                request.transactionId(), now, now + lifetime.toMillis(), bandwidth);
        if (!allocations.add(allocation)) {
            // Another thread allocated for this 5-tuple in between (possible on TCP later): undo.
            relay.close();
            allocations.release(user.account());
            return StunResponse.error(request, 437, "Allocation Mismatch");
        }
        AllocationAudit.created(allocation, lifetime);
        Verdict again = authenticator.recheck(user);
        if (!again.authenticated()) {
            // Its application was deleted meanwhile, perhaps after the deletion ended the others.
            allocations.remove(allocation, now);
            if (again.errorCode() == 401) {
                counts.refuse(RequestCounts.Refusal.AUTH);
                counts.unauthorized.increment();
            }
            return StunResponse.error(request, again.errorCode(), again.reason());
        }
        counts.allocated.increment();
        relay.activate(allocation);
        StunResponse response = allocated(request, allocation, now);
        return opened.reservationToken() == null ? response : response.withReservationToken(opened.reservationToken());
    }

    /** A relay endpoint, and the token of the port reserved beside it (EVEN-PORT with R), or null. */
    private record OpenedRelay(RelayEndpoint endpoint, byte[] reservationToken) {
    }

    /** The relay for an Allocate: a reserved port, an even port (and the next reserved), or any; null if none. */
    private OpenedRelay openRelay(StunRequest request, boolean ipv6, long now) {
        if (request.reservationToken() != null) {
            RelayEndpoint reserved = reservations.take(request.reservationToken(), now);
            return reserved == null ? null : new OpenedRelay(reserved, null);
        }
        if (Boolean.TRUE.equals(request.evenPort())) {
            RelayEndpoint[] pair = openEvenPair(ipv6);
            if (pair == null) {
                return null;
            }
            byte[] token = reservations.reserve(pair[1], now);
            if (token == null) {
                pair[0].close();
                pair[1].close();
                return null;
            }
            return new OpenedRelay(pair[0], token);
        }
        RelayEndpoint endpoint = relayPorts.open(ipv6, request.evenPort() != null);
        return endpoint == null ? null : new OpenedRelay(endpoint, null);
    }

    /** An even port and the one after it, both bound; null when no such pair is free after a few tries. */
    private RelayEndpoint[] openEvenPair(boolean ipv6) {
        for (int attempt = 0; attempt < 8; attempt++) {
            RelayEndpoint even = relayPorts.open(ipv6, true);
            if (even == null) {
                return null;
            }
            RelayEndpoint next = relayPorts.openAt(ipv6, even.boundAddress().getPort() + 1);
            if (next != null) {
                return new RelayEndpoint[] {even, next};
            }
            even.close();
        }
        return null;
    }

    /**
     * The address to advertise: {@code --address}, else the relay's own bound address, else (relay
     * on the wildcard) the server address the client reached, which is an address of this host the
     * client can route to. Null when that address is of the other IP family than the relay (an
     * IPv6 client, an IPv4 relay): no address of the relay's family is known then.
     */
    private InetAddress relayedAddress(InetAddress serverAddress, RelayEndpoint relay) {
        if (advertised != null) {
            return advertised;
        }
        InetAddress bound = relay.boundAddress().getAddress();
        if (!bound.isAnyLocalAddress()) {
            return bound;
        }
        return sameFamily(bound, serverAddress) ? serverAddress : null;
    }

    private static boolean sameFamily(InetAddress a, InetAddress b) {
        return (a instanceof Inet4Address) == (b instanceof Inet4Address);
    }

    private static StunResponse allocated(StunRequest request, Allocation allocation, long now) {
        long remaining = Math.max(0, (allocation.expiresAtMillis() - now) / 1000);
        return StunResponse.success(request)
                .withXorRelayed(allocation.relayedAddress())
                .withLifetime(remaining)
                .withXorMapped(allocation.fiveTuple().client());
    }

    private StunResponse refresh(StunRequest request, FiveTuple fiveTuple, User user) {
        long now = clock.millis();
        Allocation allocation = allocations.get(fiveTuple, now);
        StunResponse refused = refuseForeign(request, allocation, user);
        if (refused != null) {
            return refused;
        }
        if (request.lifetime() != null && request.lifetime() == 0) {
            allocations.remove(allocation, now);
            return StunResponse.success(request).withLifetime(0);
        }
        Duration lifetime = lifetimes.grant(request.lifetime());
        allocation.refresh(lifetime, now);
        AllocationAudit.refreshed(allocation, lifetime);
        return StunResponse.success(request).withLifetime(lifetime.toSeconds());
    }

    private StunResponse createPermission(StunRequest request, FiveTuple fiveTuple, User user) {
        long now = clock.millis();
        Allocation allocation = allocations.get(fiveTuple, now);
        StunResponse refused = refuseForeign(request, allocation, user);
        if (refused != null) {
            return refused;
        }
        List<InetSocketAddress> peers = request.peers();
        if (peers.isEmpty()) {
            return StunResponse.error(request, 400, "Bad Request: no XOR-PEER-ADDRESS");
        }
        for (InetSocketAddress peer : peers) {
            StunResponse forbidden = refusePeer(request, allocation, fiveTuple, peer);
            if (forbidden != null) {
                return forbidden;
            }
        }
        for (InetSocketAddress peer : peers) {
            if (!allocation.permit(peer.getAddress(), now)) {
                return StunResponse.error(request, 508, "Insufficient Capacity: too many permissions");
            }
        }
        return StunResponse.success(request);
    }

    private StunResponse channelBind(StunRequest request, FiveTuple fiveTuple, User user) {
        long now = clock.millis();
        Allocation allocation = allocations.get(fiveTuple, now);
        StunResponse refused = refuseForeign(request, allocation, user);
        if (refused != null) {
            return refused;
        }
        if (request.channelNumber() == null || request.peers().size() != 1) {
            return StunResponse.error(request, 400, "Bad Request: CHANNEL-NUMBER and one XOR-PEER-ADDRESS needed");
        }
        int number = request.channelNumber();
        if (!ChannelBinding.validNumber(number)) {
            return StunResponse.error(request, 400, "Bad Request: channel number outside 0x4000-0x7FFF");
        }
        InetSocketAddress peer = request.peers().get(0);
        StunResponse forbidden = refusePeer(request, allocation, fiveTuple, peer);
        if (forbidden != null) {
            return forbidden;
        }
        return switch (allocation.bind(number, peer, now)) {
            case BOUND -> StunResponse.success(request);
            case NUMBER_TAKEN -> StunResponse.error(request, 400, "Bad Request: channel bound to another peer");
            case PEER_TAKEN -> StunResponse.error(request, 400, "Bad Request: peer bound to another channel");
            case TOO_MANY -> StunResponse.error(request, 508, "Insufficient Capacity: too many channels");
        };
    }

    /** 437 without an allocation, 441 when another user made it; null when the request may go on. */
    private static StunResponse refuseForeign(StunRequest request, Allocation allocation, User user) {
        if (allocation == null) {
            return StunResponse.error(request, 437, "Allocation Mismatch");
        }
        if (!allocation.username().equals(user.username())) {
            return StunResponse.error(request, 441, "Wrong Credentials");
        }
        return null;
    }

    /** 443 for a peer of the other IP family than the relay, 403 for one the filter refuses; else null. */
    private StunResponse refusePeer(StunRequest request, Allocation allocation, FiveTuple fiveTuple,
                                    InetSocketAddress peer) {
        if (!sameFamily(allocation.relay().boundAddress().getAddress(), peer.getAddress())) {
            return StunResponse.error(request, 443, "Peer Address Family Mismatch");
        }
        PeerRule rule = peerFilter.refusal(peer.getAddress());
        if (rule == null) {
            return null;
        }
        counts.peerDenials.increment();
        LOG.info("Refused peer {} for client {}: {}", peer.getAddress().getHostAddress(), fiveTuple.client(), rule);
        return StunResponse.error(request, 403, "Forbidden");
    }
}
