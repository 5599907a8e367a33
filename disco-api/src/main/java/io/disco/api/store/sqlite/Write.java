package io.disco.api.store.sqlite;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * One caller's write, waiting for the writer thread. Its change is applied inside a
 * {@link Batch}, against what the batch's earlier writes made of the store, so a change that is a
 * function of the current group stays atomic however many writes share the commit; the caller
 * hears only once the commit is done.
 */
final class Write<T> {

    /** Tells the writer thread to stop once the writes before it are committed. */
    static final Write<Void> STOP = new Write<>(batch -> null);

    @FunctionalInterface
    interface Change<T> {
        /** @throws SQLException when the disk refuses it, which fails the whole batch */
        T apply(Batch batch) throws SQLException;
    }

    final CompletableFuture<T> result = new CompletableFuture<>();
    private final Change<T> change;
    private T value;
    // The caller's own change refused (a bad group, say): the batch goes on without it.
    private RuntimeException refused;

    Write(Change<T> change) {
        this.change = change;
    }

    void apply(Batch batch) throws SQLException {
        try {
            value = change.apply(batch);
        } catch (RuntimeException e) {
            refused = e;
        }
    }

    /** The batch is committed and shown. */
    void answer() {
        if (refused != null) {
            result.completeExceptionally(refused);
        } else {
            result.complete(value);
        }
    }

    /** The batch was rolled back. */
    void fail(RuntimeException unavailable) {
        result.completeExceptionally(refused != null ? refused : unavailable);
    }
}
