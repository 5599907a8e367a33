package io.disco.turn.auth;

import io.disco.common.apps.AppDirectory;
import io.disco.common.apps.AppId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The accounts that may authenticate in registered mode: the AppIDs of registered applications.
 * The directory (a store, possibly across the network) is asked only for requests whose
 * MESSAGE-INTEGRITY a time-limited credential already verified, and a positive answer is kept a
 * minute, so a client refreshing its allocation does not ask again. A deletion forgets the answer
 * at once; the minute bounds how long one missed deletion notice could let an app's credentials
 * live on.
 */
public final class RegisteredApps {

    /** How long a "registered" answer is kept. */
    public static final Duration REMEMBERED = Duration.ofMinutes(1);

    private final AppDirectory directory;
    private final Clock clock;
    /** AppID to the time (millis) its "registered" answer is to be asked again. */
    private final Map<String, Long> known = new ConcurrentHashMap<>();
    private final AtomicLong deletions = new AtomicLong();

    /**
     * @param deleted called, after the app's answer is forgotten, with each app deleted from now on
     */
    public RegisteredApps(AppDirectory directory, Clock clock, Consumer<AppId> deleted) {
        this.directory = directory;
        this.clock = clock;
        directory.onDeleted(id -> {
            deletions.incrementAndGet();
            known.remove(id.value());
            deleted.accept(id);
        });
    }

    /** Whether {@code account} is the AppID of a registered application. */
    public boolean admits(String account) {
        long now = clock.millis();
        Long until = known.get(account);
        if (until != null && now < until) {
            return true;
        }
        AppId id;
        try {
            id = new AppId(account);
        } catch (IllegalArgumentException e) {
            return false;
        }
        long deletionsBefore = deletions.get();
        if (directory.find(id).isEmpty()) {
            known.remove(account);
            return false;
        }
        known.put(account, now + REMEMBERED.toMillis());
        // A deletion heard while the directory was asked may have been of this app, and its
        // forgetting may have come before the answer above was kept: drop it, ask once more.
        if (deletions.get() != deletionsBefore) {
            known.remove(account);
            return directory.find(id).isPresent();
        }
        return true;
    }
}
