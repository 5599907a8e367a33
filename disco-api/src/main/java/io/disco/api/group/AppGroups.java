package io.disco.api.group;

import io.disco.api.store.GroupStore;
import io.disco.api.store.StoredGroup;
import io.disco.common.apps.AppId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One application's groups: the store as a request made with that application's key sees it, in
 * registered mode. Another application's group is not there (reads find nothing, updates and
 * deletes answer as for an unknown ID); a listing of all is the application's own; a write that
 * would make a group of another application is refused. The checks run inside the store's atomic
 * step, against the group as stored then. Counts ({@link #size}, {@link #countByApp}) are the
 * whole store's, so the quotas stay the server's.
 *
 * <p>A create whose ID another application's group holds is refused (409) rather than taking it
 * over, until that group is deleted or swept, even once it has expired.
 */
final class AppGroups implements GroupStore {

    private final GroupStore store;
    private final AppId app;

    AppGroups(GroupStore store, AppId app) {
        this.store = store;
        this.app = app;
    }

    private boolean mine(StoredGroup group) {
        return group.appId().equals(app.value());
    }

    @Override
    public Optional<StoredGroup> get(String id) {
        return store.get(id).filter(this::mine);
    }

    @Override
    public CompletableFuture<Optional<StoredGroup>> getAsync(String id) {
        return store.getAsync(id).thenApply(found -> found.filter(this::mine));
    }

    @Override
    public Map<String, StoredGroup> all() {
        return store.byApp(app.value());
    }

    @Override
    public Map<String, StoredGroup> byApp(String appId) {
        return app.value().equals(appId) ? store.byApp(appId) : Map.of();
    }

    @Override
    public StoredGroup upsert(String id, Function<Optional<StoredGroup>, StoredGroup> change) {
        return store.upsert(id, creation(id, change));
    }

    @Override
    public CompletableFuture<StoredGroup> upsertAsync(String id, Function<Optional<StoredGroup>, StoredGroup> change) {
        return store.upsertAsync(id, creation(id, change));
    }

    private Function<Optional<StoredGroup>, StoredGroup> creation(String id,
            Function<Optional<StoredGroup>, StoredGroup> change) {
        return existing -> {
            if (existing.isPresent() && !mine(existing.get())) {
                throw new GroupIdTakenException(id);
            }
            return own(change.apply(existing));
        };
    }

    @Override
    public Optional<StoredGroup> update(String id, UnaryOperator<StoredGroup> change) {
        return store.update(id, existing -> {
            if (!mine(existing)) {
                throw new UnknownGroupException(id);
            }
            return own(change.apply(existing));
        });
    }

    @Override
    public boolean delete(String id) {
        return delete(id, group -> { });
    }

    @Override
    public boolean delete(String id, Consumer<StoredGroup> check) {
        return store.delete(id, existing -> {
            if (!mine(existing)) {
                throw new UnknownGroupException(id);
            }
            check.accept(existing);
        });
    }

    private StoredGroup own(StoredGroup next) {
        if (!mine(next)) {
            throw new OtherAppException(app, next.appId());
        }
        return next;
    }

    @Override
    public Map<String, StoredGroup> deleteExpired(Instant now) {
        return store.deleteExpired(now);
    }

    @Override
    public String kind() {
        return store.kind();
    }

    @Override
    public Optional<String> problem() {
        return store.problem();
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public int countByApp(String appId) {
        return store.countByApp(appId);
    }

    /** A view: the store is its owner's to close. */
    @Override
    public void close() {
    }
}
