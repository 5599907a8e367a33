package io.disco.all.multihost;

import static io.disco.signal.transport.TestClient.args;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.ice.IceServers;
import io.disco.common.tls.ClientTrust;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Invocation;
import io.disco.signal.wamp.WampMessage.Register;
import io.disco.signal.wamp.WampMessage.Registered;
import io.disco.signal.wamp.WampMessage.Yield;
import io.disco.signal.wamp.WampSerializer;
import io.disco.turn.testing.ReceivedDataIndication;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The second client host of multi-host.sh's fleet shape, a Babble node waiting to be called: it
 * takes a relay from the first TURN server its API host's {@code GET /ice-servers} names, joins
 * its own signaling host and registers its key; the call it answers comes from a caller joined to
 * the other signaling host. It permits the relay the offer names and answers with its own, then
 * sends every datagram that reaches its relay back where it came from, until it is stopped.
 *
 * <p>Arguments: {@code --ca FILE --self ADDRESS --api URL --signal URL --realm REALM}.
 */
public final class FleetCallee {

    /** How long the caller may take to call, from the moment the key is registered. */
    private static final Duration CALL_WAIT = Duration.ofMinutes(3);

    private FleetCallee() {
    }

    public static void main(String[] args) throws Exception {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Arguments given = Arguments.of(args);
        Path ca = given.path("--ca");
        InetAddress self = given.address("--self");
        URI api = given.uri("--api");
        URI signal = given.uri("--signal");
        IceServers answer;
        try (DiscoClient disco = DiscoClient.builder(api).trustCertificate(ca).build()) {
            answer = disco.iceServers();
        }
        List<IceRelay> relays = IceRelay.in(answer);
        if (relays.isEmpty()) {
            throw new IllegalStateException("GET /ice-servers at " + api + " named no TURN server: " + answer);
        }
        try (RelayAllocation relay = RelayAllocation.allocate(relays.get(0), self);
             TestClient callee = TestClient.connect(signal, WampSerializer.JSON, ClientTrust.certificate(ca))) {
            long session = callee.join(given.get("--realm")).session();
            callee.send(new Register(1, WampCodec.dict(), SignalingCheck.CALLEE_KEY));
            callee.expect(Registered.class);
            System.out.println("Callee registered " + SignalingCheck.CALLEE_KEY.substring(0, 12) + "... as session "
                    + session + " at " + signal + ", its relay " + UdpReflector.describe(relay.relayed()) + " at "
                    + relay.server());

            Invocation invocation = awaitCall(callee);
            List<String> call = SignalingCheck.texts(invocation.args());
            InetSocketAddress caller = RelayCandidate.in(call.get(call.size() - 1));
            relay.permit(caller);
            callee.send(new Yield(invocation.request(), WampCodec.dict(),
                    args(RelayCandidate.description("answer", relay.relayed())), null));
            System.out.println("Answered a call naming relay " + UdpReflector.describe(caller));
            while (true) {
                Optional<ReceivedDataIndication> data = relay.receive();
                if (data.isPresent()) {
                    relay.send(data.get().peer(), data.get().data());
                    System.out.println("Echoed " + data.get().data().length + " bytes to "
                            + UdpReflector.describe(data.get().peer()));
                }
            }
        }
    }

    private static Invocation awaitCall(TestClient callee) throws InterruptedException {
        Instant deadline = Instant.now().plus(CALL_WAIT);
        while (Instant.now().isBefore(deadline)) {
            WampMessage message = callee.poll(1000);
            if (message instanceof Invocation invocation) {
                return invocation;
            }
            if (message != null) {
                throw new IllegalStateException("expected an INVOCATION, got " + message);
            }
        }
        throw new IllegalStateException("no call within " + CALL_WAIT);
    }
}
