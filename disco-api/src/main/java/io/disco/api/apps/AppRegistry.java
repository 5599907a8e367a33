package io.disco.api.apps;

import io.disco.api.store.AppStore;
import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.common.apps.KeyHash;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * The admin API's rules over an {@link AppStore}: registering an application with its first key,
 * issuing new keys (the replaced one working for the grace), deleting. Free of HTTP.
 */
public final class AppRegistry {

    /** As long as a group's Name may be. */
    public static final int MAX_NAME_LENGTH = 256;

    private final AppStore store;
    private final AppKeys keys;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration keyGrace;

    public AppRegistry(AppStore store, AppKeys keys, Clock clock, SecureRandom random, Duration keyGrace) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.random = random;
        this.keyGrace = keyGrace;
    }

    /**
     * @throws AppException.Invalid for a bad ID or a missing name
     * @throws AppException.Exists  when the ID is taken
     */
    public IssuedKey register(String id, String name) {
        AppId appId = parse(id);
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new AppException.Invalid("an application needs a Name of 1 to " + MAX_NAME_LENGTH + " characters");
        }
        AppKey key = AppKey.generate(random);
        App app = new App(appId, name, clock.instant().truncatedTo(ChronoUnit.SECONDS),
                List.of(KeyHash.of(key, random)));
        if (!store.add(app)) {
            throw new AppException.Exists(appId.value());
        }
        return new IssuedKey(app, key);
    }

    /** Every application, oldest first. */
    public List<App> list() {
        return store.all().stream()
                .sorted(Comparator.comparing(App::created).thenComparing(app -> app.id().value()))
                .toList();
    }

    /** @throws AppException.Unknown when there is no such application */
    public App get(String id) {
        AppId appId = known(id);
        return store.find(appId).orElseThrow(() -> new AppException.Unknown(id));
    }

    /** Issues a new key; the one it replaces works for {@code --key-grace} more. */
    public IssuedKey newKey(String id) {
        AppId appId = known(id);
        AppKey key = AppKey.generate(random);
        KeyHash hash = KeyHash.of(key, random);
        Instant now = clock.instant();
        App app = store.update(appId, old -> old.withNewKey(hash, now, now.plus(keyGrace)))
                .orElseThrow(() -> new AppException.Unknown(id));
        // The keys verified before now carry no end; those of this node learn it at once, those
        // of other nodes when their cached verdict ends, within a minute.
        keys.forget(appId);
        return new IssuedKey(app, key);
    }

    /** Deletes the application and its groups. */
    public void delete(String id) {
        if (!store.delete(known(id))) {
            throw new AppException.Unknown(id);
        }
    }

    private static AppId parse(String id) {
        try {
            return new AppId(id);
        } catch (IllegalArgumentException e) {
            throw new AppException.Invalid(e.getMessage());
        }
    }

    /** An ID that is no valid AppID names no application. */
    private static AppId known(String id) {
        try {
            return new AppId(id);
        } catch (IllegalArgumentException e) {
            throw new AppException.Unknown(id);
        }
    }
}
