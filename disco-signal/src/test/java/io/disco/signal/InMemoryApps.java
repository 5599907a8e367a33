package io.disco.signal;

import io.disco.common.apps.App;
import io.disco.common.apps.AppDirectory;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.common.apps.KeyHash;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Registered applications in a map, for the router's tests: the discovery API keeps the real ones. */
public final class InMemoryApps implements AppDirectory {

    private final SecureRandom random = new SecureRandom();
    private final Map<AppId, App> apps = new ConcurrentHashMap<>();
    private final List<Consumer<AppId>> deletions = new CopyOnWriteArrayList<>();

    /** Registers {@code id} with a fresh key, and returns the key's text as its clients present it. */
    public String register(String id) {
        AppKey key = AppKey.generate(random);
        apps.put(new AppId(id), new App(new AppId(id), id, Instant.now(), List.of(KeyHash.of(key, random))));
        return key.text();
    }

    /** Gives {@code id} a new key; the one it replaces works until {@code graceEnd}. */
    public String rotate(String id, Instant now, Instant graceEnd) {
        AppKey key = AppKey.generate(random);
        apps.computeIfPresent(new AppId(id), (appId, app) -> app.withNewKey(KeyHash.of(key, random), now, graceEnd));
        return key.text();
    }

    public void delete(String id) {
        if (apps.remove(new AppId(id)) != null) {
            deletions.forEach(listener -> listener.accept(new AppId(id)));
        }
    }

    @Override
    public Optional<App> find(AppId id) {
        return Optional.ofNullable(apps.get(id));
    }

    @Override
    public void onDeleted(Consumer<AppId> listener) {
        deletions.add(listener);
    }
}
