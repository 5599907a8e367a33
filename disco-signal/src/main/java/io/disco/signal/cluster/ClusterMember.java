package io.disco.signal.cluster;

import io.disco.redis.ClusterConfig;
import io.disco.redis.SharedRedis;
import java.util.Optional;

/**
 * A process's membership of a cluster of routers, if it has one: the Redis client of its own and
 * the cluster joined through it, closed together once the router stopped.
 */
public final class ClusterMember implements AutoCloseable {

    private final Optional<SharedRedis> redis;
    private final Optional<RedisCluster> cluster;

    private ClusterMember(Optional<SharedRedis> redis, Optional<RedisCluster> cluster) {
        this.redis = redis;
        this.cluster = cluster;
    }

    /**
     * Joins the cluster {@code config} names, if any.
     *
     * @throws io.disco.redis.RedisUnreachableException naming the Redis when it cannot be reached
     */
    public static ClusterMember join(Optional<ClusterConfig> config) {
        if (config.isEmpty()) {
            return new ClusterMember(Optional.empty(), Optional.empty());
        }
        SharedRedis redis = SharedRedis.of(config.get().redis());
        try {
            return new ClusterMember(Optional.of(redis), Optional.of(RedisCluster.join(redis, config.get())));
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    public Optional<RedisCluster> cluster() {
        return cluster;
    }

    @Override
    public void close() {
        cluster.ifPresent(RedisCluster::close);
        redis.ifPresent(SharedRedis::close);
    }
}
