package io.disco.api.store;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.Closeable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Where groups live. Every call takes effect at one instant between its start and its return:
 * a reader sees a group wholly before or wholly after a write, and a listing is one snapshot.
 * {@link #all()} is one snapshot of every application, so a group being moved to another
 * application is in it exactly once; two calls are two snapshots, so a group moved between
 * {@code byApp("a")} and {@code byApp("b")} may show in both or in neither.
 *
 * <p>Expiry is {@link #deleteExpired(Instant)} with the caller's clock. A store may also drop a
 * group by its own clock at or after the group's expiry, never before as long as its clock and
 * the caller's agree (Redis does, and lists only what it still keeps); otherwise an expired group
 * stays stored until then (the registry does not serve it). Every store is chosen by
 * {@link StoreConfig} and must pass {@code GroupStoreContract}.
 */
public interface GroupStore extends Closeable {

    Optional<StoredGroup> get(String id);

    /**
     * Registers the meters only this kind of store has, such as how many writes share a SQLite
     * commit; the meters every store has are {@code MeteredGroupStore}'s. Most stores have none.
     */
    default void bindMeters(MeterRegistry registry) {
    }

    /**
     * {@link #get} for a caller that need not wait: a store across a network (Redis) completes
     * it from its I/O thread, so that no request thread is parked meanwhile; the others complete
     * it before returning. What runs on completion must be brief.
     */
    default CompletableFuture<Optional<StoredGroup>> getAsync(String id) {
        try {
            return CompletableFuture.completedFuture(get(id));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A snapshot of every group, by ID, in no particular order: the API answers a JSON object,
     * which clients read as a map (the original's came from a Go map).
     */
    Map<String, StoredGroup> all();

    /** A snapshot of one application's groups, by ID, in no particular order; empty for an unknown one. */
    Map<String, StoredGroup> byApp(String appId);

    /**
     * Creates or replaces group {@code id} with what {@code change} makes of the group stored now
     * (empty when there is none), atomically.
     *
     * <p>The change runs inside that atomic step, so that it may refuse the write by throwing:
     * the exception reaches the caller and the store is left as it was. Called from the change,
     * {@link #size()} and {@link #countByApp(String)} count the groups as this write finds them,
     * which is how the registry bounds the number of groups. The in-memory store runs changes one
     * at a time, so such a bound is exact against any number of concurrent writers; any other
     * store says in its own documentation whether it is exact too (one writer, counts that include
     * the writes not yet committed) or by how much concurrent writers may overshoot it (several
     * processes on one shared store).
     */
    StoredGroup upsert(String id, Function<Optional<StoredGroup>, StoredGroup> change);

    /**
     * {@link #upsert} for a caller that need not wait: the future completes as {@code upsert}
     * would return or throw. A store whose writes wait for a disk completes it from its writer,
     * so that no request thread is parked meanwhile; the others complete it before returning.
     * What runs on completion runs on that writer, before the next commit: it must be brief.
     */
    default CompletableFuture<StoredGroup> upsertAsync(String id,
            Function<Optional<StoredGroup>, StoredGroup> change) {
        try {
            return CompletableFuture.completedFuture(upsert(id, change));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Replaces group {@code id} with what {@code change} makes of it, only if it exists; the
     * change runs inside the atomic step, as {@link #upsert}'s.
     */
    Optional<StoredGroup> update(String id, UnaryOperator<StoredGroup> change);

    /** @return whether there was such a group */
    boolean delete(String id);

    /**
     * Deletes group {@code id} unless {@code check}, run inside the atomic step against the group
     * as stored then, refuses by throwing: the exception reaches the caller and the group stays.
     * {@code check} does not run when there is no such group.
     *
     * @return whether there was such a group
     */
    boolean delete(String id, Consumer<StoredGroup> check);

    /** Deletes every group that expired at or before {@code now}; returns the deleted ones. */
    Map<String, StoredGroup> deleteExpired(Instant now);

    /** How many groups are stored, expired or not. */
    int size();

    /**
     * How many groups application {@code appId} has, expired or not: {@code byApp(appId).size()},
     * which stores that index applications answer without copying the listing.
     */
    default int countByApp(String appId) {
        return byApp(appId).size();
    }

    /** What operators call this kind of store, in metrics: {@code memory}, {@code sqlite}, {@code redis}. */
    String kind();

    /**
     * Why the store cannot serve now, as far as it knows without asking anyone (its readiness);
     * empty when it can. A store in memory always can.
     */
    default Optional<String> problem() {
        return Optional.empty();
    }

    /**
     * Lets go of what the store holds open; idempotent. Every other call after it throws
     * {@link IllegalStateException}. Groups a persistent store keeps stay kept.
     */
    @Override
    void close();
}
