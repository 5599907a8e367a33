package io.disco.api.apps;

import io.disco.common.admin.CredentialDigest;
import io.disco.common.apps.App;
import io.disco.common.apps.AppDirectory;
import io.disco.common.apps.AppId;
import io.disco.common.apps.KeyHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks the credential a group request presents, {@code AppID:key}, against the application's
 * keys. A check derives the key with PBKDF2 (1000 iterations), so the verdicts that passed are
 * kept a while: a busy client pays it about once a minute, not per request.
 *
 * <p>A verdict is kept under the SHA-256 of the credential, never the credential, for at most
 * {@link #KEPT}, and not past the end of the key's grace; it is dropped when the application
 * gets a new key or is deleted (through any node: the store's {@link AppDirectory#onDeleted}).
 * At most {@link #MAX_KEPT} verdicts are kept; past that, checks are not cached until the
 * expired ones are swept, so a flood of valid credentials costs CPU, never memory.
 */
public final class AppKeys {

    static final Duration KEPT = Duration.ofMinutes(1);
    static final int MAX_KEPT = 4096;

    private final AppDirectory apps;
    private final Clock clock;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    // Moved on by every forget, so that a check that read an app before it was forgotten does
    // not keep a verdict the forget was meant to drop.
    private final AtomicLong forgets = new AtomicLong();

    private record Verdict(AppId app, Instant until) {
    }

    public AppKeys(AppDirectory apps, Clock clock) {
        this.apps = apps;
        this.clock = clock;
        apps.onDeleted(this::forget);
    }

    /** The application whose key {@code credential} ({@code AppID:key}) is, if it is one that works now. */
    public Optional<AppId> check(String credential) {
        Instant now = clock.instant();
        String digest = sha256(credential);
        Verdict kept = verdicts.get(digest);
        if (kept != null && now.isBefore(kept.until())) {
            return Optional.of(kept.app());
        }
        int colon = credential.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        AppId id;
        try {
            id = new AppId(credential.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        long forgotten = forgets.get();
        Optional<App> app = apps.find(id);
        Optional<KeyHash> key = app.flatMap(found -> found.keyFor(credential.substring(colon + 1), now));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant until = now.plus(KEPT);
        if (key.get().notAfter().isPresent() && key.get().notAfter().get().isBefore(until)) {
            until = key.get().notAfter().get();
        }
        keep(digest, new Verdict(id, until), now);
        if (forgets.get() != forgotten) {
            verdicts.remove(digest);
        }
        return Optional.of(id);
    }

    /** Drops the verdicts on application {@code id}'s keys. */
    public void forget(AppId id) {
        forgets.incrementAndGet();
        verdicts.values().removeIf(verdict -> verdict.app().equals(id));
    }

    /** Verdicts kept now, for tests. */
    int kept() {
        return verdicts.size();
    }

    private void keep(String digest, Verdict verdict, Instant now) {
        if (verdicts.size() >= MAX_KEPT) {
            verdicts.values().removeIf(old -> !now.isBefore(old.until()));
            if (verdicts.size() >= MAX_KEPT) {
                return;
            }
        }
        verdicts.put(digest, verdict);
    }

    private static String sha256(String credential) {
        return Base64.getEncoder().encodeToString(CredentialDigest.of(credential));
    }
}
