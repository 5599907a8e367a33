package io.disco.api.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.disco.api.store.InMemoryAppStore;
import io.disco.api.store.InMemoryGroupStore;
import io.disco.common.apps.App;
import io.disco.common.apps.AppDirectory;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.common.apps.KeyHash;
import io.disco.common.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AppKeysTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AppId CHAT = new AppId("chat");

    private final MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
    private final InMemoryAppStore store = new InMemoryAppStore(new InMemoryGroupStore());
    private final AtomicInteger lookups = new AtomicInteger();
    private final AppKeys keys = new AppKeys(new AppDirectory() {
        @Override
        public Optional<App> find(AppId id) {
            lookups.incrementAndGet();
            return store.find(id);
        }

        @Override
        public void onDeleted(Consumer<AppId> listener) {
            store.onDeleted(listener);
        }
    }, clock);

    private String register(AppId id) {
        AppKey key = AppKey.generate(RANDOM);
        store.add(new App(id, "app", clock.instant(), List.of(KeyHash.of(key, RANDOM))));
        return id + ":" + key.text();
    }

    @Test
    void aKeyThatPassedIsNotDerivedAgainForAMinute() {
        String credential = register(CHAT);
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of(CHAT), keys.check(credential));
        }
        assertEquals(1, lookups.get());
        clock.advance(AppKeys.KEPT.minusNanos(1));
        keys.check(credential);
        assertEquals(1, lookups.get());
        clock.advance(Duration.ofNanos(1));
        keys.check(credential);
        assertEquals(2, lookups.get());
    }

    @Test
    void wrongCredentialsAreNeverKept() {
        String credential = register(CHAT);
        String wrong = credential.substring(0, credential.length() - 1) + "x";
        for (String presented : List.of(wrong, wrong, "chat", "no such:key", "nobody:" + credential.substring(5))) {
            assertEquals(Optional.empty(), keys.check(presented));
        }
        assertEquals(0, keys.kept());
    }

    @Test
    void aDeletedAppsKeyStopsAtOnce() {
        String credential = register(CHAT);
        keys.check(credential);
        store.delete(CHAT);
        assertEquals(Optional.empty(), keys.check(credential));
    }

    @Test
    void aReplacedKeyIsKeptNoLongerThanItsGrace() {
        String old = register(CHAT);
        keys.check(old);
        store.update(CHAT, app -> app.withNewKey(KeyHash.of(AppKey.generate(RANDOM), RANDOM), clock.instant(),
                clock.instant().plusSeconds(10)));
        keys.forget(CHAT);
        assertEquals(Optional.of(CHAT), keys.check(old));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), keys.check(old));
    }

    @Test
    void keepsAtMostItsBoundOfVerdictsAndMakesRoomAsTheyEnd() {
        for (int i = 0; i < AppKeys.MAX_KEPT + 10; i++) {
            assertEquals(Optional.of(new AppId("app" + i)), keys.check(register(new AppId("app" + i))));
        }
        assertEquals(AppKeys.MAX_KEPT, keys.kept());
        clock.advance(AppKeys.KEPT);
        keys.check(register(CHAT));
        assertEquals(1, keys.kept());
    }
}
