package io.disco.signal.cluster;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This router as a member of the cluster: its node number, taken from a counter in Redis, its
 * heartbeat, a key that expires three heartbeats after the last, and the check for members whose
 * key expired, which the survivors take out of the cluster.
 */
final class ClusterNode {

    /** Node numbers go round below 2^21, so that a session id (number, then 32 random bits) stays within 2^53. */
    static final int MAX_NODES = (1 << 21) - 1;

    private final StatefulRedisConnection<String, String> redis;
    private final ClusterKeyspace keys;
    private final Duration lifetime;
    final int number;

    private ClusterNode(StatefulRedisConnection<String, String> redis, ClusterKeyspace keys, Duration lifetime,
                        int number) {
        this.redis = redis;
        this.keys = keys;
        this.lifetime = lifetime;
        this.number = number;
    }

    /** A new member: a node number no live router has (unless 2^21 - 1 joined since it did). */
    static ClusterNode join(StatefulRedisConnection<String, String> redis, ClusterKeyspace keys, Duration lifetime) {
        long sequence = redis.sync().incr(keys.nodeSequence());
        ClusterNode node = new ClusterNode(redis, keys, lifetime, (int) ((sequence - 1) % MAX_NODES) + 1);
        node.beat();
        return node;
    }

    /** The node number of the router a session id of the cluster was given out by. */
    static int of(long session) {
        return (int) (session >>> 32);
    }

    long newSessionId() {
        return ((long) number << 32) | ThreadLocalRandom.current().nextLong(1, 1L << 32);
    }

    /** @return whether this router had been taken out of the cluster, and must announce its routes again */
    boolean beat() {
        redis.sync().set(keys.node(number), "alive", SetArgs.Builder.px(lifetime.toMillis()));
        return redis.sync().sadd(keys.nodes(), String.valueOf(number)) == 1;
    }

    /** The other members whose key has expired. */
    List<Integer> silent() {
        List<Integer> silent = new ArrayList<>();
        for (String member : redis.sync().smembers(keys.nodes())) {
            int node = Integer.parseInt(member);
            if (node != number && redis.sync().exists(keys.node(node)) == 0) {
                silent.add(node);
            }
        }
        return silent;
    }

    /** Leaves the cluster: the key goes at once, rather than three heartbeats later. */
    void leave() {
        redis.sync().del(keys.node(number));
    }
}
