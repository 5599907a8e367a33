package io.disco.api.store.sqlite;

import io.disco.api.store.InMemoryGroupStore;
import io.disco.api.store.StoredGroup;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes of one transaction: each goes to the database at once and is remembered here, so
 * that later writes in the same transaction see it; the memory view learns of them all only after
 * the commit, through {@link #show()}.
 */
final class Batch {

    private final InMemoryGroupStore view;
    private final GroupDatabase database;
    // The group each changed ID holds after this batch so far; empty when deleted.
    private final Map<String, Optional<StoredGroup>> changed = new LinkedHashMap<>();
    // What this batch adds to the view's counts, so that a change counts the writes before it.
    private int sizeChange;
    private final Map<String, Integer> appSizeChanges = new HashMap<>();
    private boolean begun;

    Batch(InMemoryGroupStore view, GroupDatabase database) {
        this.view = view;
        this.database = database;
    }

    /** The group as the store will hold it if this batch commits as it stands. */
    Optional<StoredGroup> current(String id) {
        Optional<StoredGroup> mine = changed.get(id);
        return mine != null ? mine : view.get(id);
    }

    /** How many groups the store will hold if this batch commits as it stands. */
    int size() {
        return view.size() + sizeChange;
    }

    /** How many groups {@code appId} will have if this batch commits as it stands. */
    int countByApp(String appId) {
        return view.countByApp(appId) + appSizeChanges.getOrDefault(appId, 0);
    }

    void put(StoredGroup group) throws SQLException {
        begun();
        Optional<StoredGroup> stored = current(group.id());
        database.put(group, stored.isPresent());
        counted(stored, -1);
        counted(Optional.of(group), 1);
        changed.put(group.id(), Optional.of(group));
    }

    void delete(String id) throws SQLException {
        begun();
        database.delete(id);
        counted(current(id), -1);
        changed.put(id, Optional.empty());
    }

    private void counted(Optional<StoredGroup> group, int change) {
        group.ifPresent(g -> {
            sizeChange += change;
            appSizeChanges.merge(g.appId(), change, Integer::sum);
        });
    }

    /**
     * Deletes what has expired at {@code now} of the view and of this batch's writes. The view is
     * walked, not copied: it holds every group, and this runs on the writer thread, which every
     * write waits for.
     */
    Map<String, StoredGroup> deleteExpired(Instant now) throws SQLException {
        List<String> candidates = new ArrayList<>(changed.keySet());
        for (StoredGroup group : view.expiredAt(now)) {
            candidates.add(group.id());
        }
        Map<String, StoredGroup> expired = new LinkedHashMap<>();
        for (String id : candidates) {
            Optional<StoredGroup> group = current(id);
            if (group.isPresent() && !group.get().isLiveAt(now)) {
                delete(id);
                expired.put(id, group.get());
            }
        }
        return expired;
    }

    void commit() throws SQLException {
        if (begun) {
            database.commit();
        }
    }

    private void begun() throws SQLException {
        if (!begun) {
            database.begin();
            begun = true;
        }
    }

    /** Makes the committed writes visible to readers. Only the writer thread changes the view. */
    void show() {
        changed.forEach((id, group) -> {
            if (group.isPresent()) {
                view.upsert(id, old -> group.get());
            } else {
                view.delete(id);
            }
        });
    }
}
