package io.disco.signal.cluster;

import java.util.Optional;

/** What the change channel says: a route of a realm now held by other routers, or a router gone. */
sealed interface ClusterChange {

    /** {@code holders} empty: nobody holds the route any more. */
    record RouteChanged(String realm, RouteKey key, Optional<Holders> holders) implements ClusterChange {
    }

    record NodeGone(int node) implements ClusterChange {
    }

    /** The change a notice says; empty for a notice this router does not read. */
    static Optional<ClusterChange> parse(String notice) {
        String[] lines = notice.split("\n", 4);
        try {
            if (lines[0].equals("gone") && lines.length == 2) {
                return Optional.of(new NodeGone(Integer.parseInt(lines[1])));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!lines[0].equals("route") || lines.length != 4) {
            return Optional.empty();
        }
        return RouteKey.parse(lines[2]).map(key -> new RouteChanged(lines[1], key,
                lines[3].isEmpty() ? Optional.empty() : Holders.parse(lines[3])));
    }
}
