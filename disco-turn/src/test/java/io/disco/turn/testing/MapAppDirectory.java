package io.disco.turn.testing;

import io.disco.common.apps.App;
import io.disco.common.apps.AppDirectory;
import io.disco.common.apps.AppId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Registered applications in a map, as the discovery API's store would hold them; the TURN server
 * needs only their AppIDs, so the apps have no keys. Counts the look-ups, to show what a cache spares.
 */
public final class MapAppDirectory implements AppDirectory {

    private final Map<AppId, App> apps = new ConcurrentHashMap<>();
    private final List<Consumer<AppId>> listeners = new CopyOnWriteArrayList<>();
    public final AtomicInteger lookups = new AtomicInteger();

    public MapAppDirectory register(String id) {
        apps.put(new AppId(id), new App(new AppId(id), id, Instant.EPOCH, List.of()));
        return this;
    }

    /** Deletes {@code id} and then, as the store does, tells every listener. */
    public void delete(String id) {
        apps.remove(new AppId(id));
        listeners.forEach(listener -> listener.accept(new AppId(id)));
    }

    @Override
    public Optional<App> find(AppId id) {
        lookups.incrementAndGet();
        return Optional.ofNullable(apps.get(id));
    }

    @Override
    public void onDeleted(Consumer<AppId> listener) {
        listeners.add(listener);
    }
}
