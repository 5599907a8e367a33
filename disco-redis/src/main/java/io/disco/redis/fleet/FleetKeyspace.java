package io.disco.redis.fleet;

import java.util.Objects;

/**
 * The names of the TURN fleet in the shared Redis, under the prefix {@code P}: the set
 * {@code P}turn-nodes of the TURN servers' ids, the key {@code P}turn-node:ID of each, which lives
 * three heartbeats unless announced again, and the channel {@code P}turn-node-changed on which a
 * server that joins, drains or leaves says its id.
 */
record FleetKeyspace(String prefix) {

    FleetKeyspace {
        Objects.requireNonNull(prefix, "prefix");
    }

    String nodes() {
        return prefix + "turn-nodes";
    }

    String node(String id) {
        return prefix + "turn-node:" + id;
    }

    String changes() {
        return prefix + "turn-node-changed";
    }
}
