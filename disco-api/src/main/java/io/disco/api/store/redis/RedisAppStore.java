package io.disco.api.store.redis;

import static io.disco.api.store.redis.RedisScript.utf8;

import io.disco.api.store.AppStore;
import io.disco.api.store.DeletionListeners;
import io.disco.api.store.StoreOpenException;
import io.disco.api.store.StoreUnavailableException;
import io.disco.api.store.StoredApp;
import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
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
 * Registered applications in the Redis of the groups, under the same prefix {@code P}, in keys
 * that cannot meet the groups' ({@code P app:APP} is an application's index of groups there):
 * <ul>
 *   <li>{@code P application:ID}, a string: the application as {@link StoredApp} writes it.</li>
 *   <li>{@code P applications}, the set of registered IDs.</li>
 *   <li>channel {@code P application-deleted}: each deletion, as {@code NODE ID}, so that every
 *       node's {@link #onDeleted} listeners hear it; a node's own are called as it deletes, and
 *       it ignores its own message.</li>
 * </ul>
 * Nothing is cached here: every node reads what any node wrote. Deleting an application and its
 * groups is one script, so a group is never left behind its application.
 */
public final class RedisAppStore implements AppStore {

    private static final RedisScript ADD = RedisScript.load("app-add", ScriptOutputType.INTEGER);
    private static final RedisScript REPLACE = RedisScript.load("app-replace", ScriptOutputType.INTEGER);
    private static final RedisScript LIST = RedisScript.load("app-list", ScriptOutputType.MULTI);
    private static final RedisScript DELETE = RedisScript.load("app-delete", ScriptOutputType.INTEGER);

    private final RedisGroupStore groups;
    private final String prefix;
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
        this.prefix = prefix;
        this.prefixBytes = utf8(prefix);
        this.redis = redis;
        this.timeout = timeout;
        this.deletions = deletions;
    }

    /** Through {@code groups}' connection, and one more that listens for deletions. */
    static RedisAppStore open(RedisGroupStore groups, String prefix, RedisCommands<String, byte[]> redis,
            Duration timeout, RedisClient client) {
        StatefulRedisPubSubConnection<String, String> deletions;
        try {
            deletions = client.connectPubSub();
        } catch (RedisException e) {
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
            deletions.sync().subscribe(store.channel());
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
        Long added = groups.call(() -> ADD.<Long>run(redis, prefixBytes, utf8(app.id().value()), StoredApp.json(app)));
        return added == 1;
    }

    @Override
    public List<App> all() {
        checkOpen();
        List<Object> stored = groups.call(() -> LIST.<List<Object>>run(redis, prefixBytes));
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
            Long written = groups.call(() -> REPLACE.<Long>run(redis, prefixBytes, utf8(id.value()), read.get(),
                    StoredApp.json(next)));
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
        Long deleted = groups.call(() -> DELETE.<Long>run(redis, prefixBytes, utf8(id.value()),
                utf8(node + " " + id.value())));
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
        return Optional.ofNullable(groups.call(() -> redis.get(prefix + "application:" + id.value())));
    }

    private String channel() {
        return prefix + "application-deleted";
    }

    /** Another node's deletion; on Lettuce's thread, as brief as the listeners. */
    private void heard(String message) {
        int space = message.indexOf(' ');
        if (space < 0 || message.substring(0, space).equals(node)) {
            return;
        }
        try {
            listeners.deleted(new AppId(message.substring(space + 1)));
        } catch (IllegalArgumentException foreign) {
            // Not written by a disco: nothing to tell.
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the application store is closed");
        }
    }
}
