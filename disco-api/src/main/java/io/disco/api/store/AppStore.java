package io.disco.api.store;

import io.disco.common.apps.App;
import io.disco.common.apps.AppDirectory;
import io.disco.common.apps.AppId;
import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where registered applications live: beside the groups, in the same store, so that every node
 * and every service sharing the store sees the same applications. Each call takes effect at one
 * instant between its start and its return. Every store is opened by
 * {@link StoreConfig} and must pass {@code AppStoreContract}.
 */
public interface AppStore extends AppDirectory, Closeable {

    /** @return false, changing nothing, when an application with its ID is registered already */
    boolean add(App app);

    /** Every registered application, in no particular order. */
    List<App> all();

    /** Replaces application {@code id} with what {@code change} makes of it, atomically, if it exists. */
    Optional<App> update(AppId id, UnaryOperator<App> change);

    /**
     * Deletes application {@code id} and its groups, then tells every {@link #onDeleted}
     * listener, on every node sharing the store.
     *
     * @return whether there was such an application
     */
    boolean delete(AppId id);

    /** Lets go of what the store holds open; the groups' store is closed by its own owner. */
    @Override
    void close();
}
