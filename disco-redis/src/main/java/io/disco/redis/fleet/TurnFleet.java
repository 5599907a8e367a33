package io.disco.redis.fleet;

import io.disco.common.ice.IceUrl;
import io.disco.redis.ClusterConfig;
import io.disco.redis.RedisUnreachableException;
import io.disco.redis.SharedRedis;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TURN servers that announce themselves in one Redis ({@link FleetKeyspace}), as this process
 * last read them: read every heartbeat, and at once when one says on the change channel that it
 * joined, drains or leaves, so that a request never waits for Redis. A reading older than three
 * heartbeats (Redis lost) counts for nothing. A TURN server also announces itself through it
 * ({@link #announce}).
 *
 * <p>Thread: {@code disco-turn-fleet} reads, and announces; Lettuce's thread only hands it the
 * notices.
 */
public final class TurnFleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TurnFleet.class);

    // Takes out of the set the ids whose keys expired, and only those: a server that announced
    // itself since the keys were read stays.
    private static final String FORGET_EXPIRED = """
            for i, id in ipairs(ARGV) do
              if redis.call('EXISTS', KEYS[i + 1]) == 0 then redis.call('SREM', KEYS[1], id) end
            end
            return 0""";

    /** The fleet as read at {@code readAtMillis}, the servers taking allocations least loaded first. */
    private record Reading(List<TurnNode> available, long readAtMillis) {
    }

    private final ClusterConfig config;
    private final FleetKeyspace keys;
    private final SharedRedis redis;
    private final Clock clock;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> notices;
    private final ScheduledExecutorService thread;
    private final Outage outage;
    // Never read: as stale as can be.
    private volatile Reading reading = new Reading(List.of(), 0);

    private TurnFleet(ClusterConfig config, SharedRedis redis, Clock clock) {
        this.config = config;
        this.keys = new FleetKeyspace(config.redis().prefix());
        this.redis = redis;
        this.clock = clock;
        this.connection = redis.connect(StringCodec.UTF8);
        this.notices = redis.connectPubSub();
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread fleet = new Thread(runnable, "disco-turn-fleet");
            fleet.setDaemon(true);
            return fleet;
        });
        this.outage = new Outage(LOG, config.redis(), "the TURN servers are known as last read until that is "
                + config.lifetime().toMillis() + " ms old, then none", "the TURN servers are read again");
    }

    /**
     * Connects to the fleet's Redis, reads it and keeps reading it every heartbeat.
     *
     * @throws RedisUnreachableException naming the Redis when it cannot be reached within the timeout
     */
    public static TurnFleet open(ClusterConfig config, Clock clock) {
        SharedRedis redis = SharedRedis.of(config.redis());
        TurnFleet fleet = null;
        try {
            fleet = new TurnFleet(config, redis, clock);
            fleet.listen();
            // Before the fleet's thread starts: the first reading is there when the process serves.
            fleet.read();
            long heartbeat = config.heartbeat().toMillis();
            fleet.thread.scheduleAtFixedRate(fleet::read, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
            LOG.info("TURN servers announce themselves in {}, every {} ms", config.redis(), heartbeat);
            return fleet;
        } catch (RuntimeException e) {
            if (fleet != null) {
                fleet.thread.shutdownNow();
            }
            redis.close();
            throw e;
        }
    }

    private void listen() {
        notices.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String id) {
                run(TurnFleet.this::read);
            }
        });
        try {
            notices.sync().subscribe(keys.changes());
        } catch (RedisException e) {
            throw new RedisUnreachableException(redis.location(), e);
        }
    }

    /**
     * The live TURN servers that take new allocations, least loaded first; none when the fleet
     * could not be read for three heartbeats.
     */
    public List<TurnNode> available() {
        Reading last = reading;
        if (clock.millis() - last.readAtMillis() > config.lifetime().toMillis()) {
            return List.of();
        }
        return last.available();
    }

    /**
     * Announces a TURN server reached at {@code urls} now and every heartbeat, with its load and
     * whether it drains as they are then.
     */
    public TurnAnnouncer announce(List<IceUrl> urls, LongSupplier allocations, BooleanSupplier draining) {
        TurnAnnouncer announcer = new TurnAnnouncer(this, urls, allocations, draining);
        long heartbeat = config.heartbeat().toMillis();
        thread.scheduleAtFixedRate(announcer::beat, 0, heartbeat, TimeUnit.MILLISECONDS);
        return announcer;
    }

    ClusterConfig config() {
        return config;
    }

    FleetKeyspace keys() {
        return keys;
    }

    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /** Runs {@code task} on the fleet's thread and waits for it, a Redis timeout at most. */
    void runAndWait(Runnable task) {
        try {
            thread.submit(task).get(config.redis().timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException closedOrSlow) {
            // Closed already, or Redis is slow: what was announced expires all the same.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code task} on the fleet's thread, unless the fleet is closed. */
    void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closed) {
            // Closing: nothing is announced or read any more.
        }
    }

    /** Reads every announced TURN server; on the fleet's thread. */
    private void read() {
        try {
            RedisCommands<String, String> commands = connection.sync();
            List<String> ids = new ArrayList<>(commands.smembers(keys.nodes()));
            List<TurnNode> available = new ArrayList<>(ids.size());
            if (!ids.isEmpty()) {
                String[] nodeKeys = ids.stream().map(keys::node).toArray(String[]::new);
                List<String> expired = new ArrayList<>();
                List<KeyValue<String, String>> announced = commands.mget(nodeKeys);
                for (int i = 0; i < ids.size(); i++) {
                    KeyValue<String, String> value = announced.get(i);
                    if (!value.hasValue()) {
                        expired.add(ids.get(i));
                    } else {
                        TurnNode.parse(ids.get(i), value.getValue()).filter(node -> !node.draining())
                                .ifPresent(available::add);
                    }
                }
                forget(commands, expired);
            }
            available.sort(Comparator.comparingLong(TurnNode::allocations).thenComparing(TurnNode::id));
            reading = new Reading(List.copyOf(available), clock.millis());
            outage.succeeded();
        } catch (RedisException e) {
            outage.failed(e);
        }
    }

    private void forget(RedisCommands<String, String> commands, List<String> expired) {
        if (expired.isEmpty()) {
            return;
        }
        String[] scriptKeys = new String[expired.size() + 1];
        scriptKeys[0] = keys.nodes();
        for (int i = 0; i < expired.size(); i++) {
            scriptKeys[i + 1] = keys.node(expired.get(i));
        }
        commands.eval(FORGET_EXPIRED, ScriptOutputType.INTEGER, scriptKeys, expired.toArray(String[]::new));
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        redis.close();
    }

    @Override
    public String toString() {
        return "TURN fleet in " + redis;
    }
}
