package io.disco.signal.cluster;

import io.disco.redis.ClusterConfig;
import io.disco.redis.RedisUnreachableException;
import io.disco.redis.SharedRedis;
import io.disco.signal.cluster.ClusterChange.NodeGone;
import io.disco.signal.cluster.ClusterChange.RouteChanged;
import io.disco.signal.cluster.NodeMessage.Answer;
import io.disco.signal.cluster.NodeMessage.CallerLeft;
import io.disco.signal.cluster.NodeMessage.CancelCall;
import io.disco.signal.cluster.NodeMessage.Invoke;
import io.disco.signal.cluster.NodeMessage.Publication;
import io.disco.signal.router.Cluster;
import io.disco.signal.router.ClusterRealm;
import io.disco.signal.router.NodeRequests;
import io.disco.signal.router.Outbox;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This router as one of a cluster sharing a Redis: its node ({@link ClusterNode}), the routes
 * of all ({@link ClusterRegistry}, mirrored in {@link RouteMirror}), and the channels between
 * routers ({@link NodeChannel}) that carry calls and events across.
 *
 * <p>Messages from other routers and route changes are handled on Lettuce's thread as they
 * arrive, in order; they never wait for Redis. The heartbeat, a router gone, and what follows a
 * lost or regained Redis, which do, run on one thread of the cluster's own.
 */
public final class RedisCluster implements Cluster, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);
    private static final RedisCodec<String, byte[]> BYTES = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final SharedRedis redis;
    private final ClusterConfig config;
    private final ClusterKeyspace keys;
    private final ClusterNode node;
    private final ClusterRegistry registry;
    private final RouteMirror mirror;
    private final NodeChannel channel;
    private final MetaAsks metaAsks;
    private final RemoteCalls calls = new RemoteCalls();
    private final StatefulRedisPubSubConnection<String, byte[]> inbox;
    private final Map<String, RealmLink> realms = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread;
    /** The channels subscribed since the connection was last made; on the cluster's thread. */
    private final Set<String> subscribed = new HashSet<>();
    private volatile NodeRequests requests;
    private volatile boolean closed;

    private RedisCluster(SharedRedis redis, ClusterConfig config, StatefulRedisConnection<String, String> commands,
                         StatefulRedisConnection<String, byte[]> outbox,
                         StatefulRedisPubSubConnection<String, byte[]> inbox) {
        this.redis = redis;
        this.config = config;
        this.keys = new ClusterKeyspace(config.redis().prefix());
        this.node = ClusterNode.join(commands, keys, config.lifetime());
        this.registry = new ClusterRegistry(commands, keys, node.number);
        this.mirror = new RouteMirror(node.number);
        this.channel = new NodeChannel(outbox, keys);
        this.inbox = inbox;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "disco-signal-cluster");
            thread.setDaemon(true);
            return thread;
        });
        this.metaAsks = new MetaAsks(outbox, keys, node.number, config.heartbeat(), thread);
    }

    /**
     * Joins the cluster of {@code config} through {@code redis}, whose connections it makes and
     * {@link #close} ends. Nothing is routed until {@link #serve}.
     *
     * @throws RedisUnreachableException naming the Redis when it cannot be reached within the timeout
     */
    public static RedisCluster join(SharedRedis redis, ClusterConfig config) {
        try {
            return new RedisCluster(redis, config, redis.connect(StringCodec.UTF8), redis.connect(BYTES),
                    redis.connectPubSub(BYTES));
        } catch (RedisException e) {
            throw new RedisUnreachableException(redis.location(), e);
        }
    }

    /** Routes between {@code router}'s sessions and the other routers' from now on. */
    public void serve(NodeRequests router) {
        this.requests = router;
        inbox.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, byte[] message) {
                heard(from, message);
            }

            @Override
            public void subscribed(String subscribedTo, long count) {
                onThread(() -> RedisCluster.this.subscribed(subscribedTo));
            }
        });
        redis.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> lost) {
                if (lost == inbox) {
                    onThread(RedisCluster.this::lost);
                }
            }
        });
        try {
            inbox.sync().subscribe(keys.inbox(node.number), keys.changes(), keys.metaAsks(),
                    keys.metaAnswers(node.number));
        } catch (RedisException e) {
            throw new RedisUnreachableException(redis.location(), e);
        }
        long every = config.heartbeat().toMillis();
        thread.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        LOG.info("This router is node {} of the cluster on {}, heartbeat every {} ms", node.number,
                config.redis(), every);
    }

    /** This router's node number in the cluster. */
    public int node() {
        return node.number;
    }

    @Override
    public long newSessionId() {
        return node.newSessionId();
    }

    @Override
    public ClusterRealm realm(String name) {
        return realms.computeIfAbsent(name, realm -> new RealmLink(realm, this));
    }

    /** Leaves the cluster: this router's routes go from Redis at once, and the others are told. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.shutdownNow();
        try {
            registry.purge(node.number);
            node.leave();
        } catch (RedisException | IllegalStateException e) {
            LOG.warn("Left the cluster without taking this router's routes out of Redis: the others drop them"
                    + " within three heartbeats ({})", SharedRedis.reason(e));
        }
        calls.endAll(call -> true).forEach(call -> call.caller().refuse(WampMessage.CALL, call.request(),
                WampErrors.CANCELED, "this router is stopping"));
    }

    ClusterRegistry registry() {
        return registry;
    }

    RouteMirror mirror() {
        return mirror;
    }

    NodeChannel channel() {
        return channel;
    }

    MetaAsks metaAsks() {
        return metaAsks;
    }

    RemoteCalls calls() {
        return calls;
    }

    /** Ends {@code call} with ERROR {@code uri} unless something else ended it first. */
    void fail(RemoteCall call, String uri, String why) {
        if (calls.end(call)) {
            call.caller().refuse(WampMessage.CALL, call.request(), uri, why);
        }
    }

    /** On Lettuce's thread. */
    private void heard(String from, byte[] message) {
        if (from.equals(keys.changes())) {
            ClusterChange.parse(new String(message, StandardCharsets.UTF_8)).ifPresent(this::changed);
            return;
        }
        if (from.equals(keys.metaAsks())) {
            metaAsks.asked(message, requests);
            return;
        }
        if (from.equals(keys.metaAnswers(node.number))) {
            metaAsks.answered(message);
            return;
        }
        NodeMessage decoded;
        try {
            decoded = NodeWire.decode(message);
        } catch (IllegalArgumentException e) {
            LOG.debug("Dropped a message from another router: {}", e.getMessage());
            return;
        }
        received(decoded);
    }

    private void received(NodeMessage message) {
        NodeRequests router = requests;
        if (message instanceof Invoke invoke) {
            int from = ClusterNode.of(invoke.caller());
            router.call(invoke.realm(), invoke.caller(), invoke.who(), invoke.call(),
                    answersTo(from, invoke.realm(), invoke.caller()));
        } else if (message instanceof CancelCall cancel) {
            router.cancel(cancel.realm(), cancel.caller(), cancel.cancel());
        } else if (message instanceof CallerLeft left) {
            router.callerLeft(left.realm(), left.caller());
        } else if (message instanceof Answer answer) {
            calls.answered(answer.session(), answer.message()).ifPresent(call -> call.caller().send(answer.message()));
        } else if (message instanceof Publication publication) {
            router.publish(publication.realm(), publication.publication(), publication.disclosed(),
                    publication.publish());
        }
    }

    /** How the stand-in here of caller {@code caller} of router {@code from} answers it. */
    private Outbox answersTo(int from, String realm, long caller) {
        return new Outbox() {
            @Override
            public void send(WampMessage message) {
                channel.send(from, new Answer(realm, caller, message));
            }

            @Override
            public void close() {
                // The caller's connection is its own router's to close.
            }
        };
    }

    /** On Lettuce's thread: a route changes at once, so that a call right after REGISTERED finds it. */
    private void changed(ClusterChange change) {
        if (change instanceof RouteChanged route) {
            mirror.changed(route);
        } else if (change instanceof NodeGone gone) {
            onThread(() -> {
                if (gone.node() == node.number) {
                    // Taken for gone while cut off: this router is back, with its routes.
                    LOG.warn("The cluster took this router (node {}) for gone: its routes are announced again",
                            node.number);
                    announce();
                } else {
                    nodeGone(gone.node());
                }
            });
        }
    }

    private void nodeGone(int gone) {
        mirror.forget(gone);
        calls.forget(gone);
        calls.endAll(call -> call.node() == gone).forEach(call -> call.caller().refuse(WampMessage.CALL,
                call.request(), WampErrors.CANCELED, "the router of the callee is gone"));
        requests.callersLeft(caller -> ClusterNode.of(caller) == gone);
        LOG.info("Router node {} left the cluster: its routes are gone", gone);
    }

    private void beat() {
        try {
            if (node.beat()) {
                announce();
            }
            for (int silent : node.silent()) {
                LOG.info("Router node {} missed three heartbeats: taking its routes out of the cluster", silent);
                registry.purge(silent);
            }
        } catch (RedisException | IllegalStateException e) {
            // Lost Redis: the connection's listener says so once. Closed: the next beat never comes.
        }
    }

    /** This router's routes claimed again, and everyone's read afresh. */
    private void announce() {
        try {
            node.beat();
            mirror.readBegins();
            Map<String, Map<RouteKey, Holders>> all = registry.readAll();
            registry.announceAgain(all);
            mirror.readEnds(all);
        } catch (RedisException | IllegalStateException e) {
            mirror.readFailed();
            LOG.debug("Announcing this router's routes waits for Redis: {}", SharedRedis.reason(e));
        }
    }

    private void subscribed(String to) {
        subscribed.add(to);
        if (subscribed.containsAll(Set.of(keys.inbox(node.number), keys.changes()))) {
            subscribed.clear();
            announce();
        }
    }

    /** Calls in flight to other routers can no longer be answered; new ones fail while Redis is away. */
    private void lost() {
        subscribed.clear();
        if (closed) {
            return;
        }
        LOG.warn("Lost Redis at {}: calls between this router's sessions go on, calls to other routers fail"
                + " until it is back", config.redis().where());
        calls.endAll(call -> true).forEach(call -> call.caller().refuse(WampMessage.CALL, call.request(),
                WampErrors.NETWORK_FAILURE, "lost the router of the callee: Redis is out of reach"));
    }

    private void onThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException stopped) {
            // Closed: nothing more to do.
        }
    }
}
