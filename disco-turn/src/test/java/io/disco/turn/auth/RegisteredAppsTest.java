package io.disco.turn.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.apps.App;
import io.disco.common.apps.AppDirectory;
import io.disco.common.apps.AppId;
import io.disco.common.testing.MutableClock;
import io.disco.turn.testing.MapAppDirectory;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RegisteredAppsTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final MapAppDirectory apps = new MapAppDirectory().register("chat");

    @Test
    void anAppDeletedWhileItWasAskedForIsNotRemembered() {
        AppDirectory deletedWhileAsked = new AppDirectory() {
            @Override
            public Optional<App> find(AppId id) {
                Optional<App> found = apps.find(id);
                if (apps.lookups.get() == 1) {
                    apps.delete(id.value());
                }
                return found;
            }

            @Override
            public void onDeleted(Consumer<AppId> listener) {
                apps.onDeleted(listener);
            }
        };
        RegisteredApps registered = new RegisteredApps(deletedWhileAsked, clock, id -> { });
        assertFalse(registered.admits("chat"));
        assertFalse(registered.admits("chat"));
    }

    @Test
    void onlyAnAppIdCanBeAnApp() {
        RegisteredApps registered = new RegisteredApps(apps, clock, id -> { });
        assertTrue(registered.admits("chat"));
        assertFalse(registered.admits("chat room"));
        assertFalse(registered.admits(""));
    }
}
