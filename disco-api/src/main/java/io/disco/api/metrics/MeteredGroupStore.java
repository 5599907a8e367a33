package io.disco.api.metrics;

import io.disco.api.group.GroupException;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoredGroup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A {@link GroupStore} that times each call ({@code disco_api_store_operation_seconds}) and
 * counts those that fail ({@code disco_api_store_errors_total}), by kind of store and operation.
 * A change refused by the registry's rules inside the write ({@link GroupException}) is the
 * store working, not an error.
 */
public final class MeteredGroupStore implements GroupStore {

    private final GroupStore store;
    private final Operation get;
    private final Operation list;
    private final Operation write;
    private final Operation delete;
    private final Operation expire;
    private final Operation count;

    public MeteredGroupStore(GroupStore store, MeterRegistry registry) {
        this.store = store;
        get = new Operation(registry, store.kind(), "get");
        list = new Operation(registry, store.kind(), "list");
        write = new Operation(registry, store.kind(), "write");
        delete = new Operation(registry, store.kind(), "delete");
        expire = new Operation(registry, store.kind(), "expire");
        count = new Operation(registry, store.kind(), "count");
        store.bindMeters(registry);
    }

    @Override
    public Optional<StoredGroup> get(String id) {
        return get.timed(() -> store.get(id));
    }

    @Override
    public CompletableFuture<Optional<StoredGroup>> getAsync(String id) {
        return get.timedAsync(() -> store.getAsync(id));
    }

    @Override
    public Map<String, StoredGroup> all() {
        return list.timed(store::all);
    }

    @Override
    public Map<String, StoredGroup> byApp(String appId) {
        return list.timed(() -> store.byApp(appId));
    }

    @Override
    public StoredGroup upsert(String id, Function<Optional<StoredGroup>, StoredGroup> change) {
        return write.timed(() -> store.upsert(id, change));
    }

    @Override
    public CompletableFuture<StoredGroup> upsertAsync(String id, Function<Optional<StoredGroup>, StoredGroup> change) {
        return write.timedAsync(() -> store.upsertAsync(id, change));
    }

    @Override
    public Optional<StoredGroup> update(String id, UnaryOperator<StoredGroup> change) {
        return write.timed(() -> store.update(id, change));
    }

    @Override
    public boolean delete(String id) {
        return delete.timed(() -> store.delete(id));
    }

    @Override
    public boolean delete(String id, Consumer<StoredGroup> check) {
        return delete.timed(() -> store.delete(id, check));
    }

    @Override
    public Map<String, StoredGroup> deleteExpired(Instant now) {
        return expire.timed(() -> store.deleteExpired(now));
    }

    @Override
    public int size() {
        return count.timed(store::size);
    }

    @Override
    public int countByApp(String appId) {
        return count.timed(() -> store.countByApp(appId));
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
    public void close() {
        store.close();
    }

    /** One operation's meters, looked up once. */
    private static final class Operation {

        private final Timer latency;
        private final Counter errors;

        Operation(MeterRegistry registry, String store, String operation) {
            latency = Timer.builder("disco.api.store.operation")
                    .description("How long the group store took, by kind of store and operation")
                    .tags("store", store, "operation", operation)
                    .serviceLevelObjectives(LatencyBuckets.STORE)
                    .register(registry);
            errors = Counter.builder("disco.api.store.errors")
                    .description("Group store calls that failed (unreachable, a full disk, a fault)")
                    .tags("store", store, "operation", operation)
                    .register(registry);
        }

        <T> T timed(Supplier<T> call) {
            long start = System.nanoTime();
            try {
                return call.get();
            } catch (RuntimeException e) {
                failed(e);
                throw e;
            } finally {
                latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }

        <T> CompletableFuture<T> timedAsync(Supplier<CompletableFuture<T>> call) {
            long start = System.nanoTime();
            CompletableFuture<T> result;
            try {
                result = call.get();
            } catch (RuntimeException e) {
                failed(e);
                latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                throw e;
            }
            result.whenComplete((done, failure) -> {
                latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                if (failure != null) {
                    failed(failure instanceof CompletionException ? failure.getCause() : failure);
                }
            });
            return result;
        }

        private void failed(Throwable failure) {
            if (!(failure instanceof GroupException)) {
                errors.increment();
            }
        }
    }
}
