package io.disco.api.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The default store: groups in memory, lost on restart like the original's.
 *
 * <p>Writes take one write lock and change the ID map and the application index together, so a
 * listing under the read lock is always a consistent snapshot and a group moved to another
 * application never shows in both or neither. Lookups by ID need no lock: groups are immutable
 * values, and the ID map is concurrent.
 */
public final class InMemoryGroupStore implements GroupStore {

    private static final Consumer<StoredGroup> NO_CHECK = group -> { };

    private final Map<String, StoredGroup> byId = new ConcurrentHashMap<>();
    // Guarded by lock. Linked maps because copying a snapshot then walks the entries, not the
    // whole table; the order they keep is not promised to anyone (see GroupStore).
    private final Map<String, Map<String, StoredGroup>> byApp = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Lock readLock = lock.readLock();
    private final Lock writeLock = lock.writeLock();
    private volatile boolean closed;

    @Override
    public Optional<StoredGroup> get(String id) {
        checkOpen();
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Map<String, StoredGroup> all() {
        checkOpen();
        readLock.lock();
        try {
            Map<String, StoredGroup> snapshot = new LinkedHashMap<>(byId.size() * 2);
            for (Map<String, StoredGroup> app : byApp.values()) {
                snapshot.putAll(app);
            }
            return snapshot;
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public Map<String, StoredGroup> byApp(String appId) {
        checkOpen();
        readLock.lock();
        try {
            Map<String, StoredGroup> app = byApp.get(appId);
            return app == null ? Map.of() : new LinkedHashMap<>(app);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public StoredGroup upsert(String id, Function<Optional<StoredGroup>, StoredGroup> change) {
        checkOpen();
        writeLock.lock();
        try {
            StoredGroup old = byId.get(id);
            StoredGroup next = StoredGroup.changed(id, change.apply(Optional.ofNullable(old)));
            put(old, next);
            return next;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<StoredGroup> update(String id, UnaryOperator<StoredGroup> change) {
        checkOpen();
        writeLock.lock();
        try {
            StoredGroup old = byId.get(id);
            if (old == null) {
                return Optional.empty();
            }
            StoredGroup next = StoredGroup.changed(id, change.apply(old));
            put(old, next);
            return Optional.of(next);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean delete(String id) {
        return delete(id, NO_CHECK);
    }

    @Override
    public boolean delete(String id, Consumer<StoredGroup> check) {
        checkOpen();
        writeLock.lock();
        try {
            StoredGroup old = byId.get(id);
            if (old == null) {
                return false;
            }
            check.accept(old);
            byId.remove(id);
            unindex(old);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Map<String, StoredGroup> deleteExpired(Instant now) {
        checkOpen();
        writeLock.lock();
        try {
            Map<String, StoredGroup> expired = new LinkedHashMap<>();
            for (Iterator<StoredGroup> it = byId.values().iterator(); it.hasNext(); ) {
                StoredGroup group = it.next();
                if (!group.isLiveAt(now)) {
                    it.remove();
                    unindex(group);
                    expired.put(group.id(), group);
                }
            }
            return expired;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The groups expired at {@code now}, found by walking the store rather than copying it: one
     * snapshot only for a caller that is the store's one writer, as the SQLite store's writer is.
     */
    public List<StoredGroup> expiredAt(Instant now) {
        checkOpen();
        List<StoredGroup> expired = new ArrayList<>();
        for (StoredGroup group : byId.values()) {
            if (!group.isLiveAt(now)) {
                expired.add(group);
            }
        }
        return expired;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public int size() {
        checkOpen();
        return byId.size();
    }

    @Override
    public int countByApp(String appId) {
        checkOpen();
        // A writer calling this from its change already holds the write lock, which lets it take
        // the read lock too.
        readLock.lock();
        try {
            Map<String, StoredGroup> app = byApp.get(appId);
            return app == null ? 0 : app.size();
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the group store is closed");
        }
    }

    private void put(StoredGroup old, StoredGroup next) {
        if (old != null && !old.appId().equals(next.appId())) {
            unindex(old);
        }
        byApp.computeIfAbsent(next.appId(), app -> new LinkedHashMap<>()).put(next.id(), next);
        byId.put(next.id(), next);
    }

    private void unindex(StoredGroup group) {
        Map<String, StoredGroup> app = byApp.get(group.appId());
        if (app != null) {
            app.remove(group.id());
            if (app.isEmpty()) {
                byApp.remove(group.appId());
            }
        }
    }
}
