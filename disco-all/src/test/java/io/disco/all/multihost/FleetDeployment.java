package io.disco.all.multihost;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where multi-host.sh's fleet shape put each service, as the calling client is told on its
 * command line ({@code --name value} pairs, every one required).
 *
 * @param ca            the certificate authority that signed every service's certificate, the only one trusted
 * @param self          the client host's own address
 * @param api           the API host the client asks, and {@code secondApi} the other of the fleet
 * @param signal        the signaling host the caller joins; the callee joined {@code calleeSignal}
 * @param relays        each TURN host's address clients reach it at, and its {@code --address}
 *                      ({@code --relays HOST=RELAY,HOST=RELAY})
 * @param calleeTurn    the TURN host the callee holds its relay at: the more loaded one
 * @param metricsPort   the TURN hosts' metrics listener, on their client address
 * @param adminToken    the file holding the token {@code POST /drain} asks for
 */
record FleetDeployment(Path ca, InetAddress self, URI api, URI secondApi, URI signal, URI calleeSignal, String realm,
        Map<InetAddress, InetAddress> relays, InetAddress calleeTurn, int metricsPort, Path adminToken) {

    static FleetDeployment parse(String... args) {
        Arguments given = Arguments.of(args);
        Map<InetAddress, InetAddress> relays = new LinkedHashMap<>();
        for (String pair : given.get("--relays").split(",")) {
            String[] hostAndRelay = pair.split("=", 2);
            if (hostAndRelay.length != 2) {
                throw new IllegalArgumentException("--relays " + pair + " is not HOST=RELAY");
            }
            relays.put(Arguments.literal(hostAndRelay[0], "--relays"), Arguments.literal(hostAndRelay[1], "--relays"));
        }
        return new FleetDeployment(given.path("--ca"), given.address("--self"), given.uri("--api"),
                given.uri("--second-api"), given.uri("--signal"), given.uri("--callee-signal"), given.get("--realm"),
                Map.copyOf(relays), given.address("--callee-turn"), Integer.parseInt(given.get("--metrics-port")), given.path("--admin-token-file"));
    }
}
