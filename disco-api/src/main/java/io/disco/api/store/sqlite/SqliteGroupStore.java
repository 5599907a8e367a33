package io.disco.api.store.sqlite;

import io.disco.api.store.GroupStore;
import io.disco.api.store.InMemoryGroupStore;
import io.disco.api.store.StoreOpenException;
import io.disco.api.store.StoreUnavailableException;
import io.disco.api.store.StoredGroup;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups in an SQLite file, read from memory. Reads go to an {@link InMemoryGroupStore} loaded from
 * the file at start; writes go to one writer thread, which takes every write waiting, applies them
 * in one transaction, commits, and only then changes the memory view and answers the callers
 * (group commit): readers never see what is not on disk, and many concurrent writers share one
 * commit. When the commit fails, the view is left as it was, so nothing half-done shows, and each
 * caller gets {@link StoreUnavailableException}; the next write tries the disk again.
 */
public final class SqliteGroupStore implements GroupStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteGroupStore.class);

    // Bounds one transaction, so that a burst is committed in several rather than one growing WAL.
    private static final int MOST_WRITES_PER_COMMIT = 1024;

    private final GroupDatabase database;
    private final InMemoryGroupStore view;
    private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
    private final Object admission = new Object();
    private final Thread writer;
    // Guarded by admission: once set, nothing more enters the queue.
    private boolean closed;
    // Why the last commit failed, null once one succeeds; only the writer thread sets it.
    private volatile String failure;
    // Only the writer thread reads and writes this.
    private Batch writing;
    // How well group commit shares: the writes committed over the transactions that did it.
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedWrites = new AtomicLong();

    private SqliteGroupStore(GroupDatabase database, InMemoryGroupStore view) {
        this.database = database;
        this.view = view;
        this.writer = new Thread(this::writeUntilClosed, "disco-sqlite-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (or creates) {@code file} and loads its groups; those expired at {@code clock}'s now
     * are deleted rather than loaded.
     *
     * @throws StoreOpenException naming the file when it cannot be used
     */
    public static SqliteGroupStore open(Path file, StoreSync sync, Clock clock) {
        GroupDatabase database = GroupDatabase.open(file, sync);
        InMemoryGroupStore view = new InMemoryGroupStore();
        try {
            Map<String, StoredGroup> groups = database.load(clock.instant());
            groups.forEach((id, group) -> view.upsert(id, absent -> group));
        } catch (SQLException e) {
            database.close();
            throw new StoreOpenException("group store " + file + ": cannot load its groups: "
                    + GroupDatabase.describe(e), e);
        }
        LOG.info("Groups are kept in SQLite at {} (synchronous={}); {} loaded", file.toAbsolutePath(),
                sync.name(), view.size());
        return new SqliteGroupStore(database, view);
    }

    @Override
    public Optional<StoredGroup> get(String id) {
        return view.get(id);
    }

    @Override
    public Map<String, StoredGroup> all() {
        return view.all();
    }

    @Override
    public Map<String, StoredGroup> byApp(String appId) {
        return view.byApp(appId);
    }

    @Override
    public String kind() {
        return "sqlite";
    }

    /** The writer gone, or the last commit failed (a full disk, say): writes answer 503 until one succeeds. */
    @Override
    public Optional<String> problem() {
        String why = failure;
        if (why != null) {
            return Optional.of("cannot write " + database.file() + ": " + why);
        }
        if (!writer.isAlive() && !closed()) {
            return Optional.of("the writer of " + database.file() + " has stopped");
        }
        return Optional.empty();
    }

    private boolean closed() {
        synchronized (admission) {
            return closed;
        }
    }

    /**
     * What is committed; from a change, what its write finds, counting the writes before it in its
     * batch, so that a bound checked there holds exactly however many writers share a commit.
     */
    @Override
    public int size() {
        return inWriter() ? writing.size() : view.size();
    }

    @Override
    public int countByApp(String appId) {
        return inWriter() ? writing.countByApp(appId) : view.countByApp(appId);
    }

    // Only the writer thread runs changes, and it alone sets writing: no other thread reads it.
    private boolean inWriter() {
        return Thread.currentThread() == writer && writing != null;
    }

    @Override
    public StoredGroup upsert(String id, Function<Optional<StoredGroup>, StoredGroup> change) {
        return awaited(upsertAsync(id, change));
    }

    @Override
    public CompletableFuture<StoredGroup> upsertAsync(String id, Function<Optional<StoredGroup>, StoredGroup> change) {
        return submitted(new Write<>(batch -> {
            StoredGroup next = StoredGroup.changed(id, change.apply(batch.current(id)));
            batch.put(next);
            return next;
        }));
    }

    @Override
    public Optional<StoredGroup> update(String id, UnaryOperator<StoredGroup> change) {
        return submit(new Write<>(batch -> {
            Optional<StoredGroup> old = batch.current(id);
            if (old.isEmpty()) {
                return Optional.<StoredGroup>empty();
            }
            StoredGroup next = StoredGroup.changed(id, change.apply(old.get()));
            batch.put(next);
            return Optional.of(next);
        }));
    }

    @Override
    public boolean delete(String id) {
        return delete(id, group -> { });
    }

    @Override
    public boolean delete(String id, Consumer<StoredGroup> check) {
        return submit(new Write<>(batch -> {
            Optional<StoredGroup> old = batch.current(id);
            if (old.isEmpty()) {
                return false;
            }
            check.accept(old.get());
            batch.delete(id);
            return true;
        }));
    }

    @Override
    public Map<String, StoredGroup> deleteExpired(Instant now) {
        return submit(new Write<>(batch -> batch.deleteExpired(now)));
    }

    /** Commits what was asked before, then lets go of the file; later calls throw. */
    @Override
    public void close() {
        synchronized (admission) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(Write.STOP);
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        database.close();
        view.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> T submit(Write<T> write) {
        return awaited(submitted(write));
    }

    private <T> CompletableFuture<T> submitted(Write<T> write) {
        synchronized (admission) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the group store is closed"));
            }
            queue.add(write);
        }
        return write.result;
    }

    private static <T> T awaited(CompletableFuture<T> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void writeUntilClosed() {
        List<Write<?>> writes = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            writes.clear();
            try {
                writes.add(queue.take());
            } catch (InterruptedException e) {
                // Only close() stops this thread, through the queue.
                continue;
            }
            queue.drainTo(writes, MOST_WRITES_PER_COMMIT - 1);
            int stop = writes.indexOf(Write.STOP);
            if (stop >= 0) {
                // Nothing follows STOP: close() admits nothing after it.
                writes.remove(stop);
                stopping = true;
            }
            if (!writes.isEmpty()) {
                commitSurviving(writes);
            }
        }
    }

    /**
     * Commits {@code writes}, and whatever fails, answers each: this thread ending would leave
     * every caller after it waiting for ever. A fault that is not the disk's is a bug: logged with
     * its stack, the batch rolled back, its callers told to try again.
     */
    private void commitSurviving(List<Write<?>> writes) {
        try {
            commit(writes);
        } catch (RuntimeException | Error e) {
            LOG.error("Group store {}: unexpected fault in a batch of {} writes; rolled back", database.file(),
                    writes.size(), e);
            database.rollback();
            StoreUnavailableException unavailable = new StoreUnavailableException("unexpected fault", e);
            for (Write<?> write : writes) {
                write.fail(unavailable);
            }
        }
    }

    /** Applies {@code writes} in order in one transaction, commits, then shows and answers them. */
    private void commit(List<Write<?>> writes) {
        Batch batch = new Batch(view, database);
        try {
            writing = batch;
            try {
                for (Write<?> write : writes) {
                    write.apply(batch);
                }
            } finally {
                writing = null;
            }
            batch.commit();
        } catch (SQLException e) {
            database.rollback();
            String why = GroupDatabase.describe(e);
            if (failure == null) {
                LOG.error("Group store {} cannot write: {}; writes answer 503 until it can", database.file(), why);
            }
            failure = why;
            StoreUnavailableException unavailable = new StoreUnavailableException(why, e);
            for (Write<?> write : writes) {
                write.fail(unavailable);
            }
            return;
        }
        if (failure != null) {
            LOG.info("Group store {} writes again", database.file());
            failure = null;
        }
        commits.incrementAndGet();
        committedWrites.addAndGet(writes.size());
        batch.show();
        for (Write<?> write : writes) {
            write.answer();
        }
    }

    @Override
    public void bindMeters(MeterRegistry registry) {
        FunctionCounter.builder("disco.api.store.commits", commits, AtomicLong::get)
                .description("Transactions the SQLite store committed; each carries every write that was waiting")
                .register(registry);
        FunctionCounter.builder("disco.api.store.committed.writes", committedWrites, AtomicLong::get)
                .description("Writes (creates, updates, deletes, expiries) the SQLite store committed")
                .register(registry);
    }
}
