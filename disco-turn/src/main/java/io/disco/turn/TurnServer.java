package io.disco.turn;

import io.disco.common.apps.AppId;
import io.disco.common.service.Service;
import io.disco.ops.HealthCheck;
import io.disco.ops.Operations;
import io.disco.redis.fleet.TurnAnnouncer;
import io.disco.redis.fleet.TurnNode;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.allocation.Lifetimes;
import io.disco.turn.allocation.RelayEndpoint;
import io.disco.turn.allocation.RelayPorts;
import io.disco.turn.allocation.Reservations;
import io.disco.turn.auth.Authenticator;
import io.disco.turn.auth.Credentials;
import io.disco.turn.auth.Nonces;
import io.disco.turn.auth.RegisteredApps;
import io.disco.turn.auth.TimeLimitedCredentials;
import io.disco.turn.auth.UnauthenticatedLimiter;
import io.disco.turn.peer.PeerFilter;
import io.disco.turn.protocol.RelayPath;
import io.disco.turn.protocol.RequestHandler;
import io.disco.turn.relay.TcpTransport;
import io.disco.turn.relay.TlsEngines;
import io.disco.turn.relay.UdpLoop;
import io.disco.turn.relay.UdpRelayPorts;
import io.disco.turn.relay.UdpTransport;
import io.disco.turn.stun.ResponseEncoder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STUN/TURN server over UDP, TCP and TLS: the composition root of the module.
 *
 * <p>Threads: {@code disco-turn-udp-N}, one per core, each read its share of the relay sockets
 * (peers' datagrams, framed in place and sent to clients, over UDP or straight onto their
 * connection), and the first one the server's UDP sockets too (requests, Send indications and
 * ChannelData from clients, sent on to peers from the same thread); {@code disco-turn-tcp} does
 * the same for every TCP and TLS connection, and writes out what slow ones have queued.
 * {@code disco-turn-sweeper} drops expired allocations, permissions, channels and port
 * reservations once a second, and closes TCP and TLS connections that never allocated; expiry is
 * also checked on every lookup, so the sweep only frees memory, ports and sockets. In a fleet
 * ({@code --cluster}), {@code disco-turn-fleet} announces the server and reads the others. Each
 * I/O thread reuses one receive buffer; allocations are in a concurrent map, read without locks.
 */
public final class TurnServer implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(TurnServer.class);

    /** Why a TURN server without the shared store of apps cannot serve {@code --apps registered}. */
    public static final String NEEDS_APP_STORE = "--apps registered needs the registered applications of the"
            + " discovery API: give --store redis://... (and --redis-prefix) as the API has them, or run disco.jar";

    private final TurnConfig config;
    private final Clock clock;
    private final AllocationTable allocations;
    private final RequestHandler requests;
    private final RelayPath relayPath;
    private final Reservations reservations;
    private final Optional<FleetMembership> fleet;
    // Set by start() when the server is of a fleet, read by the drain.
    private volatile TurnAnnouncer announcer;
    private volatile UdpRelayPorts relayPorts;
    private ScheduledExecutorService sweeper;
    // Filled by start(), read by the health check on the metrics listener's thread.
    private final List<UdpLoop> udpLoops = new CopyOnWriteArrayList<>();
    // Set by start(), read by whichever thread asks for the counters or the ports.
    private volatile UdpTransport udp;
    private TlsEngines tls;
    private volatile TcpTransport tcp;

    public TurnServer(TurnConfig config, TurnContext context) {
        this.config = config;
        this.clock = context.clock();
        TurnConfig.Limits limits = config.limits();
        TurnConfig.Auth auth = config.auth();
        TurnConfig.Relay relay = config.relay();
        TurnConfig.Apps apps = config.apps();
        // In registered mode an account is an application: its quota is the app's.
        this.allocations = new AllocationTable(limits.maxAllocations(),
                apps.registered() ? apps.maxAllocationsPerApp() : limits.maxAllocationsPerUser());
        this.relayPath = new RelayPath(allocations, clock);
        this.reservations = new Reservations(limits.maxAllocations());
        TimeLimitedCredentials timeLimited = new TimeLimitedCredentials(auth.secrets(), auth.realm(), clock);
        Credentials credentials = apps.registered()
                ? Credentials.registered(timeLimited, new RegisteredApps(
                        context.apps().orElseThrow(() -> new IllegalArgumentException(NEEDS_APP_STORE)), clock,
                        this::endAllocationsOf))
                : new Credentials(auth.username(), auth.password(), auth.realm(), timeLimited);
        Authenticator authenticator = new Authenticator(auth.realm(), credentials,
                new Nonces(clock, Nonces.DEFAULT_LIFETIME));
        TurnConfig.Peers peers = config.peers();
        PeerFilter peerFilter = new PeerFilter(peers.allow(), peers.deny(), peers.allowLoopback());
        this.requests = new RequestHandler(authenticator, UnauthenticatedLimiter.standard(clock), allocations,
                new DeferredRelayPorts(), reservations, peerFilter, Lifetimes.withMaximum(limits.maxLifetime()),
                relay.advertisesArrivalAddress() ? null : relay.address(), limits.maxBandwidth(), clock);
        Operations operations = context.operations();
        TurnMeters.bind(operations.meters(), allocations, requests.counts(), this::counters, clock);
        operations.alive(HealthCheck.of("turn-listeners", this::listenerProblem));
        this.fleet = context.fleet();
        operations.drains(new TurnDrain(requests, allocations, config.draining(), this::fleetAlternate,
                () -> announcer().ifPresent(TurnAnnouncer::announceNow)));
    }

    private Optional<TurnAnnouncer> announcer() {
        return Optional.ofNullable(announcer);
    }

    /** The least loaded live server of the fleet that takes allocations, other than this one, named by an address. */
    private Optional<InetSocketAddress> fleetAlternate() {
        if (fleet.isEmpty()) {
            return Optional.empty();
        }
        String self = announcer().map(TurnAnnouncer::id).orElse("");
        return fleet.get().fleet().available().stream().filter(node -> !node.id().equals(self))
                .map(TurnNode::stunAddress).flatMap(Optional::stream).findFirst();
    }

    /** Alive while its listeners are open and the threads reading them run; else what is wrong. */
    private Optional<String> listenerProblem() {
        UdpTransport udp = this.udp;
        TcpTransport tcp = this.tcp;
        if (udp == null || tcp == null) {
            return Optional.of("not listening (not started, or stopped)");
        }
        if (!udp.listening()) {
            return Optional.of("udp/" + udp.port() + " is closed");
        }
        if (!tcp.listening()) {
            return Optional.of("tcp/" + tcp.port() + (tcp.tlsPort() < 0 ? "" : " or tls/" + tcp.tlsPort()) + " is closed");
        }
        if (udpLoops.stream().anyMatch(UdpLoop::ended)) {
            return Optional.of("a UDP loop has stopped");
        }
        return Optional.empty();
    }

    /** A deleted application's clients lose their relays at once, as if their allocations expired. */
    private void endAllocationsOf(AppId app) {
        int ended = allocations.removeAccount(app.value(), clock.millis());
        LOG.info("Application {} deleted: ended its {} allocations", app, ended);
    }

    /** The relay ports exist once the relay receiver does, at start. */
    private final class DeferredRelayPorts implements RelayPorts {
        @Override
        public boolean serves(boolean ipv6) {
            return relayPorts.serves(ipv6);
        }

        @Override
        public RelayEndpoint open(boolean ipv6, boolean evenPort) {
            return relayPorts.open(ipv6, evenPort);
        }

        @Override
        public RelayEndpoint openAt(boolean ipv6, int port) {
            return relayPorts.openAt(ipv6, port);
        }
    }

    @Override
    public void start() throws IOException {
        if (config.relay().advertisesArrivalAddress()) {
            LOG.warn("--address is {}: relayed addresses will be the address each client reached the server at,"
                    + " which is wrong behind NAT; give the server's public address", config.relay().address().getHostAddress());
        }
        ResponseEncoder.warmUp();
        if (config.listeners().servesTls()) {
            try {
                tls = TlsEngines.of(config.listeners().tlsIdentity());
            } catch (Exception e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        try {
            bindUdpAndTcp();
            // One UDP loop per core: each reads its share of the relay sockets.
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                udpLoops.add(new UdpLoop(relayPath));
            }
        } catch (IOException e) {
            stop();
            throw e;
        }
        relayPorts = new UdpRelayPorts(config.relay().bind(), config.relay().minPort(), config.relay().maxPort(),
                udpLoops);
        for (int i = 0; i < udpLoops.size(); i++) {
            Thread loopThread = new Thread(udpLoops.get(i), "disco-turn-udp-" + i);
            loopThread.setDaemon(true);
            loopThread.start();
        }
        udp.start(udpLoops.get(0));
        tcp.start();
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "disco-turn-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            long now = clock.millis();
            allocations.sweep(now);
            reservations.sweep(now);
            tcp.closeIdle(now);
        }, 1, 1, TimeUnit.SECONDS);
        fleet.ifPresent(member -> announcer = member.fleet().announce(member.urls(), allocations::size,
                requests::draining));
    }

    /**
     * Binds the STUN/TURN port over UDP and TCP both. With port 0 the port UDP got may be taken
     * for TCP: another free port is tried then.
     */
    private void bindUdpAndTcp() throws IOException {
        for (int attempt = 1; ; attempt++) {
            udp = UdpTransport.bind(config.listeners().port(), requests, relayPath);
            try {
                // Each stream allocation needs its own connection: as many connections as allocations.
                tcp = TcpTransport.bind(udp.port(), config.listeners().tlsPort(), tls, requests, relayPath,
                        allocations, clock, config.limits().maxAllocations());
                return;
            } catch (BindException e) {
                udp.stop();
                udp = null;
                if (config.listeners().port() != 0 || attempt == 8) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void stop() {
        // First: no client is to be sent here any more.
        announcer().ifPresent(TurnAnnouncer::leave);
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (udp != null) {
            udp.stop();
        }
        if (tcp != null) {
            tcp.stop();
        }
        if (tls != null) {
            tls.stop();
        }
        allocations.clear(clock.millis());
        reservations.clear();
        udpLoops.forEach(UdpLoop::stop);
    }

    /** The port the server listens on, UDP and TCP. */
    public int port() {
        return udp.port();
    }

    /** The TURN over TLS port, or -1 when TLS is off. */
    public int tlsPort() {
        return tcp.tlsPort();
    }

    public AllocationTable allocations() {
        return allocations;
    }

    /** Open TCP and TLS client connections. */
    public int streamConnections() {
        return tcp.connections();
    }

    /** What the server has counted since it started; zeros for the transports before {@link #start}. */
    public TurnCounters counters() {
        UdpTransport udp = this.udp;
        TcpTransport tcp = this.tcp;
        return new TurnCounters(relayPath.dropped(), requests.unansweredChallenges(),
                udp == null ? 0 : udp.malformed(), tcp == null ? 0 : tcp.malformed(),
                tcp == null ? 0 : tcp.refused());
    }

    @Override
    public String describe() {
        TurnConfig.Listeners listeners = config.listeners();
        int port = udp == null ? listeners.port() : port();
        String tlsPart = !listeners.servesTls() ? "" : ", tls/" + (tcp == null ? listeners.tlsPort() : tlsPort());
        return "TURN server on udp/" + port + ", tcp/" + port + tlsPart + " (realm " + config.auth().realm()
                + ", relay ports " + config.relay().minPort() + "-" + config.relay().maxPort()
                + (config.apps().registered() ? ", registered applications only" : "") + ")";
    }
}
