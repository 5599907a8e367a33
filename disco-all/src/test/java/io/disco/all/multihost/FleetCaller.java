package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.require;
import static io.disco.signal.transport.TestClient.args;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.ice.IceServers;
import io.disco.common.tls.ClientTrust;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampSerializer;
import io.disco.turn.testing.ReceivedDataIndication;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The calling Babble node of multi-host.sh's fleet shape, one step per check: it asks its API
 * host for ICE servers, allocates a relay at the first (least loaded) TURN server named, calls
 * the callee ({@link FleetCallee}, joined to the other signaling host) with an offer naming that
 * relay, and exchanges a datagram with the callee's relay through both.
 */
final class FleetCaller implements AutoCloseable {

    /** How long the other router may take to learn the callee's registration, and the API the relays. */
    private static final Duration ROUTES_SETTLE = Duration.ofSeconds(10);

    private final FleetDeployment fleet;
    private List<IceRelay> offered = List.of();
    private RelayAllocation relay;
    private TestClient session;
    private InetSocketAddress calleeRelay;

    FleetCaller(FleetDeployment fleet) {
        this.fleet = fleet;
    }

    /** The TURN servers of {@code GET /ice-servers} at {@code api}, in the answer's order. */
    static List<IceRelay> iceServers(FleetDeployment fleet, URI api) {
        try (DiscoClient disco = DiscoClient.builder(api).trustCertificate(fleet.ca()).build()) {
            IceServers answer = disco.iceServers();
            List<IceRelay> relays = IceRelay.in(answer);
            for (IceRelay relay : relays) {
                require(relay.username() != null && relay.credential() != null,
                        () -> "GET /ice-servers at " + api + " named " + relay + " without a credential");
            }
            return relays;
        }
    }

    /**
     * Both TURN hosts, each with a credential (the fleet's live relays, not a configured list),
     * least loaded first: the one holding the callee's relay second. The API reads the fleet every
     * heartbeat and a relay announces its load every heartbeat, so the order may take two to show.
     */
    String iceServers() throws InterruptedException {
        Instant deadline = Instant.now().plus(ROUTES_SETTLE);
        offered = iceServers(fleet, fleet.api());
        while (!leastLoadedFirst(offered) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            offered = iceServers(fleet, fleet.api());
        }
        require(leastLoadedFirst(offered), () -> "GET /ice-servers at " + fleet.api() + " named " + offered
                + ", not each of the TURN hosts " + fleet.relays().keySet() + " once, the callee's "
                + fleet.calleeTurn().getHostAddress() + " (one allocation) after the other (none)");
        return "GET /ice-servers at " + fleet.api() + " named " + offered + ", each with a credential (username "
                + offered.get(0).username() + "), the callee's " + fleet.calleeTurn().getHostAddress() + " last";
    }

    private boolean leastLoadedFirst(List<IceRelay> relays) {
        List<InetAddress> hosts = relays.stream().map(relay -> relay.address().getAddress()).toList();
        return hosts.size() == fleet.relays().size() && new HashSet<>(hosts).equals(fleet.relays().keySet())
                && hosts.get(hosts.size() - 1).equals(fleet.calleeTurn());
    }

    /** An allocation at the first server named, relayed on that host's --address. */
    String relay() throws Exception {
        relay = RelayAllocation.allocate(offered.get(0), fleet.self());
        InetAddress expected = fleet.relays().get(relay.server().address().getAddress());
        require(expected.equals(relay.relayed().getAddress()), () -> "XOR-RELAYED-ADDRESS at " + relay.server()
                + " is " + relay.relayed() + ", not that host's --address " + expected.getHostAddress());
        return "allocated " + UdpReflector.describe(relay.relayed()) + " at " + relay.server()
                + ", the first server named, with the credential handed out";
    }

    /**
     * A call from this host's router to the callee registered at the other; retried while the
     * routers have not yet learnt the registration, as a Babble node retries a peer not yet there.
     */
    String signal() throws Exception {
        session = TestClient.connect(fleet.signal(), WampSerializer.JSON, ClientTrust.certificate(fleet.ca()));
        long joined = session.join(fleet.realm()).session();
        String offer = RelayCandidate.description("offer", relay.relayed());
        Instant deadline = Instant.now().plus(ROUTES_SETTLE);
        for (long request = 1; ; request++) {
            session.send(new Call(request, WampCodec.dict(), SignalingCheck.CALLEE_KEY,
                    args(SignalingCheck.CLIENT_KEY, offer), null));
            WampMessage reply = session.expect(WampMessage.class);
            if (reply instanceof WampMessage.Error error && error.error().equals(WampErrors.NO_SUCH_PROCEDURE)
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                continue;
            }
            require(reply instanceof Result, () -> "the call to the callee's key got " + reply + ", not a RESULT");
            List<String> answer = SignalingCheck.texts(((Result) reply).args());
            require(answer.size() == 1, () -> "the callee answered " + answer + ", not one description");
            calleeRelay = RelayCandidate.in(answer.get(0));
            return "session " + joined + " at " + fleet.signal() + " called the key registered at "
                    + fleet.calleeSignal() + " (" + request + " attempt(s)) with an offer naming relay "
                    + UdpReflector.describe(relay.relayed()) + ", and got an answer naming relay "
                    + UdpReflector.describe(calleeRelay);
        }
    }

    /** A datagram to the callee's relay through this one, echoed back by the callee through its relay. */
    String exchange() throws Exception {
        relay.permit(calleeRelay);
        byte[] sent = ("from " + UdpReflector.describe(relay.relayed()) + " across the fleet")
                .getBytes(StandardCharsets.UTF_8);
        relay.send(calleeRelay, sent);
        Optional<ReceivedDataIndication> echo = relay.receive();
        require(echo.isPresent(), () -> "no Data indication came back from the callee's relay " + calleeRelay);
        ReceivedDataIndication data = echo.get();
        require(UdpReflector.describe(data.peer()).equals(UdpReflector.describe(calleeRelay)),
                () -> "the Data indication came from " + data.peer() + ", not the callee's relay " + calleeRelay);
        require(Arrays.equals(sent, data.data()), () -> "the callee's relay sent back "
                + new String(data.data(), StandardCharsets.UTF_8) + ", not what was sent");
        return "sent " + sent.length + " bytes from relay " + UdpReflector.describe(relay.relayed()) + " at "
                + relay.server() + " to relay " + UdpReflector.describe(calleeRelay)
                + "; the callee sent them back through it";
    }

    /** The servers the first check was handed. */
    List<IceRelay> offered() {
        return offered;
    }

    /** Leaves the realm and releases the relay, so that a draining server is done. */
    @Override
    public void close() throws Exception {
        try (TestClient leaving = session; RelayAllocation released = relay) {
            if (leaving != null) {
                SignalingCheck.leave(leaving);
            }
        }
    }
}
