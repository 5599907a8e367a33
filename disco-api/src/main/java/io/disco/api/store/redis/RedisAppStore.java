package io.disco.api.store.redis;

import static io.disco.api.store.redis.RedisScript.utf8;

import io.disco.api.store.AppStore;
import io.disco.api.store.DeletionListeners;
import io.disco.api.store.StoreOpenException;
import io.disco.api.store.StoreUnavailableException;
import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.StoredApp;
import io.disco.redis.RedisUnreachableException;
import io.disco.redis.SharedRedis;
import io.disco.redis.apps.AppKeyspace;
import io.disco.redis.apps.AppNotice;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Registered applications in the Redis of the groups, under the same prefix, in the keys and
 * channels of {@link AppKeyspace}, which routers and TURN servers on hosts of their own read
 * ({@link io.disco.redis.apps.RedisAppDirectory}). Each deletion is announced so that every
 * node's {@link #onDeleted} listeners hear it (a node's own are called as it deletes, and it
 * ignores its own notice); each registration and change is announced so that readers who keep
 * answers drop this one. Nothing is cached here: every node reads what any node wrote. Deleting
 * an application and its groups is one script, so a group is never left behind its application;
 * each write and its notice are one script too, so no write goes unannounced.
 */
public final class RedisAppStore implements AppStore {

    private static final RedisScript ADD = RedisScript.load("app-add", ScriptOutputType.INTEGER);
    private static final RedisScript REPLACE = RedisScript.load("app-replace", ScriptOutputType.INTEGER);
    private static final RedisScript LIST = RedisScript.load("app-list", ScriptOutputType.MULTI);
    private static final RedisScript DELETE = RedisScript.load("app-delete", ScriptOutputType.INTEGER);

    private final RedisGroupStore groups;
    private final AppKeyspace keys;
    private final byte[] prefixBytes;
    private final RedisCommands<String, byte[]> redis;
    private final Duration timeout;
    private final StatefulRedisPubSubConnection<String, String> deletions;
    private final String node = UUID.randomUUID().toString();
    private final DeletionListeners listeners = new DeletionListeners();
    private volatile boolean closed;

    private RedisAppStore(RedisGroupStore groups, String prefix, RedisCommands<String, byte[]> redis,
            Duration timeout, StatefulRedisPubSubConnection<String, String> deletions) {
        this.groups = groups;
        this.keys = new AppKeyspace(prefix);
        this.prefixBytes = utf8(prefix);
        this.redis = redis;
        this.timeout = timeout;
        this.deletions = deletions;
    }

    /** Through {@code groups}' connection, and one more that listens for deletions. */
    static RedisAppStore open(RedisGroupStore groups, String prefix, RedisCommands<String, byte[]> redis,
            Duration timeout, SharedRedis shared) {
        StatefulRedisPubSubConnection<String, String> deletions;
        try {
            deletions = shared.connectPubSub();
        } catch (RedisUnreachableException e) {
            throw new StoreOpenException("cannot listen for deleted applications on " + groups + ": " + e.getMessage(), e);
        }
        RedisAppStore store = new RedisAppStore(groups, prefix, redis, timeout, deletions);
        deletions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                store.heard(message);
            }
        });
        // Lettuce subscribes again by itself after a reconnection.
        groups.call(() -> {
            deletions.sync().subscribe(store.keys.deletions());
            return null;
        });
        return store;
    }

    @Override
    public Optional<App> find(AppId id) {
        checkOpen();
        return read(id).map(StoredApp::parse);
    }

    @Override
    public boolean add(App app) {
        checkOpen();
        Long added = groups.call(() -> ADD.<Long>run(redis, utf8(keys.app(app.id())), utf8(keys.registered()),
                utf8(app.id().value()), StoredApp.json(app), utf8(keys.changes()), notice(app.id())));
        return added == 1;
    }

    @Override
    public List<App> all() {
        checkOpen();
        List<Object> stored = groups.call(() -> LIST.<List<Object>>run(redis, utf8(keys.registered()),
                utf8(keys.appKeyPrefix())));
        List<App> apps = new ArrayList<>(stored.size());
        for (Object json : stored) {
            apps.add(StoredApp.parse((byte[]) json));
        }
        return apps;
    }

    /** Reads, changes and writes if nobody wrote in between, until that holds or the timeout has passed. */
    @Override
    public Optional<App> update(AppId id, UnaryOperator<App> change) {
        checkOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<byte[]> read = read(id);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            App next = change.apply(StoredApp.parse(read.get()));
            Long written = groups.call(() -> REPLACE.<Long>run(redis, utf8(keys.app(id)), read.get(),
                    StoredApp.json(next), utf8(keys.changes()), notice(id)));
            if (written == 1) {
                return Optional.of(next);
            }
            if (written < 0) {
                return Optional.empty();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new StoreUnavailableException("application " + id + " is written by others too often to "
                        + "change it now", null);
            }
        }
    }

    @Override
    public boolean delete(AppId id) {
        checkOpen();
        Long deleted = groups.call(() -> DELETE.<Long>run(redis, prefixBytes, utf8(id.value()), utf8(keys.app(id)),
                utf8(keys.registered()), utf8(keys.deletions()), notice(id)));
        if (deleted == 1) {
            listeners.deleted(id);
        }
        return deleted == 1;
    }

    @Override
    public void onDeleted(Consumer<AppId> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        deletions.close();
    }

    private Optional<byte[]> read(AppId id) {
        return Optional.ofNullable(groups.call(() -> redis.get(keys.app(id))));
    }

    private byte[] notice(AppId id) {
        return utf8(new AppNotice(node, id).text());
    }

    /** Another node's deletion; on Lettuce's thread, as brief as the listeners. */
    private void heard(String message) {
        AppNotice.parse(message).filter(notice -> !notice.node().equals(node))
                .ifPresent(notice -> listeners.deleted(notice.app()));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the application store is closed");
        }
    }
}
