package io.disco.all.multihost;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where deploy/multi-host/multi-host.sh put each service, as the client is told on its command
 * line ({@code --name value} pairs, every one required).
 *
 * @param ca the certificate authority that signed every service's certificate, the only one trusted
 * @param self the client host's own address
 * @param api an API host, and {@code secondApi} another that shares its Redis
 * @param relayAddress the turn host's {@code --address}
 * @param peer a UDP peer that answers each datagram with the address it came from
 */
record Deployment(Path ca, InetAddress self, URI api, URI secondApi, URI signal, String realm, InetSocketAddress turn,
        InetSocketAddress turns, InetAddress relayAddress, String user, String password, InetSocketAddress peer) {

    static Deployment parse(String... args) {
        Arguments given = Arguments.of(args);
        return new Deployment(given.path("--ca"), given.address("--self"), given.uri("--api"), given.uri("--second-api"),
                given.uri("--signal"), given.get("--realm"), given.socketAddress("--turn"),
                given.socketAddress("--turns"), given.address("--relay-address"), given.get("--user"),
                given.get("--password"), given.socketAddress("--peer"));
    }
}
