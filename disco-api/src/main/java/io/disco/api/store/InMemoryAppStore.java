package io.disco.api.store;

import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Registered applications in memory, lost on restart as the groups of {@code --store memory} are.
 * Deleting an application deletes its groups one by one after it: a group created by a request
 * racing the deletion, whose key was checked just before, may outlive it until its TTL ends,
 * served to nobody (no key of a deleted application works).
 */
public final class InMemoryAppStore implements AppStore {

    private final Map<AppId, App> apps = new ConcurrentHashMap<>();
    private final GroupStore groups;
    private final DeletionListeners listeners = new DeletionListeners();
    private volatile boolean closed;

    public InMemoryAppStore(GroupStore groups) {
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    @Override
    public Optional<App> find(AppId id) {
        checkOpen();
        return Optional.ofNullable(apps.get(id));
    }

    @Override
    public boolean add(App app) {
        checkOpen();
        return apps.putIfAbsent(app.id(), app) == null;
    }

    @Override
    public List<App> all() {
        checkOpen();
        return List.copyOf(apps.values());
    }

    @Override
    public Optional<App> update(AppId id, UnaryOperator<App> change) {
        checkOpen();
        return Optional.ofNullable(apps.computeIfPresent(id, (key, app) -> change.apply(app)));
    }

    @Override
    public boolean delete(AppId id) {
        checkOpen();
        if (apps.remove(id) == null) {
            return false;
        }
        for (String group : groups.byApp(id.value()).keySet()) {
            groups.delete(group);
        }
        listeners.deleted(id);
        return true;
    }

    @Override
    public void onDeleted(Consumer<AppId> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the application store is closed");
        }
    }
}
