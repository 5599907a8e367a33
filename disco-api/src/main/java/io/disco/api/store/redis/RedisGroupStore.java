package io.disco.api.store.redis;

import static io.disco.api.store.redis.RedisScript.text;
import static io.disco.api.store.redis.RedisScript.utf8;

import io.disco.api.store.GroupStore;
import io.disco.api.store.StoreConfig;
import io.disco.api.store.StoreOpenException;
import io.disco.api.store.StoreUnavailableException;
import io.disco.api.store.StoredGroup;
import io.disco.redis.RedisLocation;
import io.disco.redis.RedisUnreachableException;
import io.disco.redis.SharedRedis;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups in Redis, shared by every API node that names the same Redis and prefix: a write
 * through one node is read through the others at once, as nothing is cached here.
 *
 * <p>Keys, under the prefix {@code P} ({@code --redis-prefix}):
 * <ul>
 *   <li>{@code P group:ID}, a hash: {@code json} (the group as the API answers it), {@code app},
 *       the expiry as {@code exps} and {@code expn} (epoch seconds and nanos, kept exactly), and
 *       {@code ver}, the write's number from {@code P version}. Redis drops the key by itself at
 *       its expiry (PEXPIREAT, rounded up to the millisecond: never before it).</li>
 *   <li>{@code P expiry} and {@code P app:APP}, sorted sets of group IDs scored by the same
 *       millisecond expiry: every group, and one application's.</li>
 *   <li>{@code P apps}, the applications that have an index, for the sweep.</li>
 * </ul>
 * The registered applications have keys of their own beside these: see {@link RedisAppStore}.
 *
 * <p>Every call that touches more than one key is one Lua script, which Redis runs alone, so a
 * listing is one snapshot and a move between applications is one step. Listings take only index
 * entries scored at or after Redis's own now: Redis keeps a key until its time passes its expiry,
 * so an entry of a group Redis dropped is never listed, though it stays in the index until
 * {@link #deleteExpired} removes it. {@link #upsert} and {@link #update} run their change here,
 * between reading the group with its version and a script that writes only if the version is
 * still the same; another write in between makes them read and change again. Limits that the
 * change checks with {@link #size()} therefore hold per write, not across concurrent writers of
 * several nodes: they may overshoot by as many writes as run at once.
 *
 * <p>Redis out of reach or slower than the timeout fails the call with
 * {@link StoreUnavailableException} within the timeout (commands are refused at once while the
 * connection is down, not queued); Lettuce reconnects by itself.
 */
public final class RedisGroupStore implements GroupStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisGroupStore.class);

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final RedisScript WRITE = RedisScript.load("write", ScriptOutputType.INTEGER);
    private static final RedisScript DELETE = RedisScript.load("delete", ScriptOutputType.INTEGER);
    private static final RedisScript LIST = RedisScript.load("list", ScriptOutputType.MULTI);
    private static final RedisScript COUNT = RedisScript.load("count", ScriptOutputType.INTEGER);
    private static final RedisScript SWEEP = RedisScript.load("sweep", ScriptOutputType.MULTI);
    private static final byte[] NO_VERSION = new byte[0];

    private final String where;
    private final String prefix;
    private final byte[] prefixBytes;
    private final Duration timeout;
    private final SharedRedis shared;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisCommands<String, byte[]> redis;
    private final RedisAsyncCommands<String, byte[]> async;
    private final RedisAvailability availability;
    private volatile boolean closed;

    private RedisGroupStore(RedisLocation location, SharedRedis redis, RedisAvailability availability,
                            StatefulRedisConnection<String, byte[]> connection) {
        this.where = location.where();
        this.prefix = location.prefix();
        this.prefixBytes = utf8(location.prefix());
        this.timeout = location.timeout();
        this.shared = redis;
        this.availability = availability;
        this.connection = connection;
        this.redis = connection.sync();
        this.async = connection.async();
    }

    /**
     * Connects to the configured Redis.
     *
     * @throws StoreOpenException naming the Redis when it cannot be reached within the timeout
     */
    public static RedisGroupStore connect(StoreConfig.Redis config) {
        SharedRedis redis = SharedRedis.of(config.location());
        String where = config.location().where();
        RedisAvailability availability = new RedisAvailability(where);
        try {
            StatefulRedisConnection<String, byte[]> connection = redis.connect(CODEC);
            redis.addListener(availability);
            LOG.info("Groups are kept in Redis at {}, keys under {}, shared with every node that names both",
                    where, config.location().prefix());
            return new RedisGroupStore(config.location(), redis, availability, connection);
        } catch (RedisUnreachableException e) {
            redis.close();
            throw new StoreOpenException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredGroup> get(String id) {
        return read(id).group();
    }

    /** Completed on Lettuce's I/O thread, within the store's timeout as every command is. */
    @Override
    public CompletableFuture<Optional<StoredGroup>> getAsync(String id) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the group store is closed"));
        }
        return async.hmget(key(id), "json", "exps", "expn").toCompletableFuture().handle((fields, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisException lost) {
                throw unavailable(lost);
            }
            if (cause != null) {
                throw new CompletionException(cause);
            }
            availability.answered();
            return stored(id, fields);
        });
    }

    @Override
    public Map<String, StoredGroup> all() {
        return groups(call(() -> LIST.<List<Object>>run(redis, prefixBytes)));
    }

    @Override
    public Map<String, StoredGroup> byApp(String appId) {
        return groups(call(() -> LIST.<List<Object>>run(redis, prefixBytes, utf8(appId))));
    }

    @Override
    public StoredGroup upsert(String id, Function<Optional<StoredGroup>, StoredGroup> change) {
        return write(id, current -> Optional.of(change.apply(current))).orElseThrow();
    }

    @Override
    public Optional<StoredGroup> update(String id, UnaryOperator<StoredGroup> change) {
        return write(id, current -> current.map(change));
    }

    @Override
    public boolean delete(String id) {
        Long deleted = call(() -> DELETE.<Long>run(redis, prefixBytes, utf8(id)));
        return deleted == 1;
    }

    /** Reads, checks and deletes if nobody wrote in between, as {@link #write} changes. */
    @Override
    public boolean delete(String id, Consumer<StoredGroup> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Current current = read(id);
            current.group().ifPresent(check);
            Long deleted = call(() -> DELETE.<Long>run(redis, prefixBytes, utf8(id), current.version()));
            if (deleted >= 0) {
                return deleted == 1;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new StoreUnavailableException("group " + id + " is written by others too often to delete it now",
                        null);
            }
        }
    }

    @Override
    public Map<String, StoredGroup> deleteExpired(Instant now) {
        List<Object> deleted = call(() -> SWEEP.<List<Object>>run(redis, prefixBytes, utf8(Long.toString(ceilMillis(now))),
                utf8(Long.toString(now.getEpochSecond())), utf8(Integer.toString(now.getNano()))));
        return groups(deleted);
    }

    @Override
    public String kind() {
        return "redis";
    }

    /** As Lettuce last saw the connection, and the last command: no command is sent to ask. */
    @Override
    public Optional<String> problem() {
        return availability.problem();
    }

    @Override
    public int size() {
        Long count = call(() -> COUNT.<Long>run(redis, prefixBytes));
        return Math.toIntExact(count);
    }

    @Override
    public int countByApp(String appId) {
        Long count = call(() -> COUNT.<Long>run(redis, prefixBytes, utf8(appId)));
        return Math.toIntExact(count);
    }

    /** The registered applications under the same prefix, through this connection; close them before this store. */
    public RedisAppStore apps() {
        return RedisAppStore.open(this, prefix, redis, timeout, shared);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        availability.closing();
        connection.close();
        shared.close();
    }

    @Override
    public String toString() {
        return "Redis at " + where + ", keys under " + prefix;
    }

    /** The group as stored now, with the version the write script checks. */
    private record Current(Optional<StoredGroup> group, byte[] version) {
    }

    private Current read(String id) {
        List<KeyValue<String, byte[]>> fields = call(() -> redis.hmget(key(id), "json", "exps", "expn", "ver"));
        Optional<StoredGroup> group = stored(id, fields);
        return new Current(group, group.isPresent() ? fields.get(3).getValue() : NO_VERSION);
    }

    /** The group in a hash's {@code json}, {@code exps} and {@code expn}, the first three fields asked. */
    private static Optional<StoredGroup> stored(String id, List<KeyValue<String, byte[]>> fields) {
        if (!fields.get(0).hasValue()) {
            return Optional.empty();
        }
        return Optional.of(StoredGroup.fromJson(id, fields.get(0).getValue(),
                expiry(fields.get(1).getValue(), fields.get(2).getValue())));
    }

    /**
     * Reads, changes and writes if nobody wrote in between, until that holds or the timeout has
     * passed. @param change what to write, or empty to write nothing
     */
    private Optional<StoredGroup> write(String id, Function<Optional<StoredGroup>, Optional<StoredGroup>> change) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Current current = read(id);
            Optional<StoredGroup> next = change.apply(current.group());
            if (next.isEmpty()) {
                return next;
            }
            StoredGroup group = StoredGroup.changed(id, next.get());
            Instant expiresAt = group.expiresAt();
            Long version = call(() -> WRITE.<Long>run(redis, prefixBytes, utf8(id), current.version(), group.json(),
                    utf8(group.appId()), utf8(Long.toString(expiresAt.getEpochSecond())),
                    utf8(Integer.toString(expiresAt.getNano())), utf8(Long.toString(ceilMillis(expiresAt)))));
            if (version != 0) {
                return next;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new StoreUnavailableException("group " + id + " is written by others too often to change it now",
                        null);
            }
        }
    }

    /** Groups from a script's answer: ID, JSON, expiry seconds, expiry nanos for each. */
    private static Map<String, StoredGroup> groups(List<Object> flat) {
        Map<String, StoredGroup> groups = new LinkedHashMap<>(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 4) {
            String id = text(flat.get(i));
            groups.put(id, StoredGroup.fromJson(id, (byte[]) flat.get(i + 1),
                    expiry((byte[]) flat.get(i + 2), (byte[]) flat.get(i + 3))));
        }
        return groups;
    }

    /** Runs a command of this store's, or of {@link RedisAppStore}'s, failing as every call of the store fails. */
    <T> T call(Supplier<T> command) {
        if (closed) {
            throw new IllegalStateException("the group store is closed");
        }
        try {
            T result = command.get();
            availability.answered();
            return result;
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    private StoreUnavailableException unavailable(RedisException e) {
        String why = SharedRedis.reason(e);
        availability.lost(why);
        return new StoreUnavailableException("Redis at " + where + ": " + why, e);
    }

    private String key(String id) {
        return prefix + "group:" + id;
    }

    private static Instant expiry(byte[] seconds, byte[] nanos) {
        return Instant.ofEpochSecond(Long.parseLong(text(seconds)), Long.parseLong(text(nanos)));
    }

    /** The millisecond Redis may drop a group at: its expiry, rounded up. */
    private static long ceilMillis(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1000L),
                (instant.getNano() + 999_999) / 1_000_000);
    }
}
