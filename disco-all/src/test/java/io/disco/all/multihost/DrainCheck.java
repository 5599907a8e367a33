package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.require;

import io.disco.common.admin.AdminToken;
import io.disco.turn.testing.UdpTurnClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A TURN host taken out of the fleet through its metrics listener, as an operator does before
 * stopping it: {@code GET /ice-servers} stops naming it, and a new Allocate there is sent to the
 * other with 300 (Try Alternate).
 */
final class DrainCheck {

    /** The API reads the fleet again every heartbeat (2 s), and a draining relay announces itself at once. */
    private static final Duration LEAVES_WITHIN = Duration.ofSeconds(10);

    private final FleetDeployment fleet;

    DrainCheck(FleetDeployment fleet) {
        this.fleet = fleet;
    }

    /** Drains the first of {@code offered}, the TURN servers as GET /ice-servers named them. */
    String run(List<IceRelay> offered) throws Exception {
        IceRelay drained = offered.get(0);
        IceRelay other = offered.get(1);
        URI drain = URI.create("http://" + drained.address().getAddress().getHostAddress() + ":"
                + fleet.metricsPort() + "/drain");
        HttpResponse<String> begun = HttpClient.newHttpClient().send(HttpRequest.newBuilder(drain)
                .header("Authorization", "Bearer " + AdminToken.secretIn(fleet.adminToken()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        require(begun.statusCode() == 202, () -> "POST " + drain + " answered " + begun.statusCode() + " "
                + begun.body());

        Instant deadline = Instant.now().plus(LEAVES_WITHIN);
        List<IceRelay> left = FleetCaller.iceServers(fleet, fleet.secondApi());
        while (left.stream().anyMatch(relay -> relay.address().equals(drained.address()))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            left = FleetCaller.iceServers(fleet, fleet.secondApi());
        }
        List<IceRelay> answered = left;
        require(answered.stream().map(IceRelay::address).toList().equals(List.of(other.address())),
                () -> "GET /ice-servers at " + fleet.secondApi() + " named " + answered + " " + LEAVES_WITHIN
                        + " after " + drained + " began to drain, not " + other + " alone");

        try (UdpTurnClient client = new UdpTurnClient(drained.address(), new InetSocketAddress(fleet.self(), 0))) {
            RelayAllocation.Signed turnedAway = RelayAllocation.signedAllocate(client, drained);
            InetSocketAddress alternate = turnedAway.reply().alternateServer();
            require(turnedAway.reply().code() == 300 && other.address().equals(alternate),
                    () -> "a new Allocate at the draining " + drained + " got " + turnedAway.reply().code()
                            + " naming " + alternate + ", not 300 naming " + other);
        }
        return "POST " + drain + " answered 202; GET /ice-servers at " + fleet.secondApi() + " then named " + other
                + " alone, and a new Allocate at " + drained + " got 300 with ALTERNATE-SERVER "
                + UdpReflector.describe(other.address());
    }
}
