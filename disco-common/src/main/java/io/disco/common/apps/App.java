package io.disco.common.apps;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered application: its ID, a name for people, when it was registered, and the hashes of
 * its keys: the current one, and the keys it replaced while their grace lasts.
 */
public record App(AppId id, String name, Instant created, List<KeyHash> keys) {

    public App {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        keys = List.copyOf(keys);
    }

    /** The key hash that {@code presented} matches and that still works at {@code now}. */
    public Optional<KeyHash> keyFor(String presented, Instant now) {
        for (KeyHash key : keys) {
            if (key.isValidAt(now) && key.matches(presented)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /**
     * This app with {@code issued} as its current key: the key it replaces works until
     * {@code graceEnd}, and keys whose grace is over by {@code now} are dropped.
     */
    public App withNewKey(KeyHash issued, Instant now, Instant graceEnd) {
        List<KeyHash> kept = new java.util.ArrayList<>();
        kept.add(issued);
        for (KeyHash key : keys) {
            KeyHash replaced = key.notAfter().isPresent() ? key : key.expiringAt(graceEnd);
            if (replaced.isValidAt(now)) {
                kept.add(replaced);
            }
        }
        return new App(id, name, created, kept);
    }
}
