package io.disco.all.multihost;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come in --name value pairs");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            values.put(args[i], args[i + 1]);
        }
        Arguments given = new Arguments(values);
        return new Deployment(Path.of(given.get("--ca")), given.address("--self"), URI.create(given.get("--api")),
                URI.create(given.get("--second-api")),
                URI.create(given.get("--signal")), given.get("--realm"), given.socketAddress("--turn"),
                given.socketAddress("--turns"), given.address("--relay-address"), given.get("--user"),
                given.get("--password"), given.socketAddress("--peer"));
    }

    private record Arguments(Map<String, String> values) {

        String get(String name) {
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return value;
        }

        InetAddress address(String name) {
            return literal(get(name), name);
        }

        /** {@code ADDRESS:PORT}. */
        InetSocketAddress socketAddress(String name) {
            String value = get(name);
            int colon = value.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(name + " " + value + " is not ADDRESS:PORT");
            }
            return new InetSocketAddress(literal(value.substring(0, colon), name),
                    Integer.parseInt(value.substring(colon + 1)));
        }

        /** The script passes address literals, so nothing is looked up in DNS. */
        private static InetAddress literal(String text, String name) {
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(name + " " + text + " is not an address", e);
            }
        }
    }
}
