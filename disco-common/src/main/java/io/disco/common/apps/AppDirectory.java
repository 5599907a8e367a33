package io.disco.common.apps;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the services look up registered applications: the discovery API keeps them, the
 * signaling router and the TURN server read them (in one process from the same object, on hosts
 * of their own from the same shared store), and never need the admin token.
 */
public interface AppDirectory {

    /**
     * The application {@code id} as it stands, or empty if none is registered.
     *
     * @throws DirectoryUnavailableException when the store behind the directory cannot answer now
     */
    Optional<App> find(AppId id);

    /**
     * Calls {@code listener} with every application deleted from now on, through whichever node
     * deleted it, so that its sessions and relays end. The listener must be brief.
     */
    void onDeleted(Consumer<AppId> listener);
}
