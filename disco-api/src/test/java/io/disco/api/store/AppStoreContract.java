package io.disco.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.common.apps.KeyHash;
import io.disco.common.model.Group;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AppStore} must do beside its group store: each implementation's test extends
 * this class and says how to open a fresh, empty pair.
 */
public abstract class AppStoreContract {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant CREATED = Instant.parse("2026-03-09T17:05:05Z");
    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    protected GroupStore groups;
    protected AppStore apps;

    /** A new, empty group store; the test closes it. */
    protected abstract GroupStore openGroups() throws Exception;

    /** The application store beside {@code groups}; the test closes it. */
    protected abstract AppStore openApps(GroupStore groups) throws Exception;

    @BeforeEach
    void open() throws Exception {
        groups = openGroups();
        apps = openApps(groups);
    }

    @AfterEach
    void close() {
        apps.close();
        groups.close();
    }

    protected static App app(String id) {
        return new App(new AppId(id), id + " app", CREATED, List.of(KeyHash.of(AppKey.generate(RANDOM), RANDOM)));
    }

    private void group(String id, String app) {
        groups.upsert(id, none -> StoredGroup.of(new Group(id, "name", app, "", 0, null, null, null), LATER));
    }

    @Test
    void closingTwiceIsHarmlessAndAClosedStoreAnswersNothing() {
        App chat = app("chat");
        apps.add(chat);
        apps.close();
        apps.close();
        assertThrows(IllegalStateException.class, () -> apps.find(chat.id()));
        assertThrows(IllegalStateException.class, () -> apps.all());
        assertThrows(IllegalStateException.class, () -> apps.add(app("other")));
        assertThrows(IllegalStateException.class, () -> apps.update(chat.id(), app -> app));
        assertThrows(IllegalStateException.class, () -> apps.delete(chat.id()));
    }

    @Test
    void keepsAnAppAsAddedWithItsKeyHashes() {
        App chat = app("com.example.chat");
        assertTrue(apps.add(chat));
        assertEquals(Optional.of(chat), apps.find(new AppId("com.example.chat")));
        assertEquals(Optional.empty(), apps.find(new AppId("other")));
    }

    @Test
    void refusesAnIdTakenAndKeepsTheFirst() {
        App first = app("chat");
        apps.add(first);
        assertFalse(apps.add(new App(first.id(), "another", CREATED.plusSeconds(1), List.of())));
        assertEquals(Optional.of(first), apps.find(first.id()));
    }

    @Test
    void listsEveryApp() {
        apps.add(app("chat"));
        apps.add(app("game"));
        assertEquals(Set.of("chat", "game"), apps.all().stream().map(app -> app.id().value()).collect(Collectors.toSet()));
    }

    @Test
    void updatesAnExistingAppOnly() {
        App chat = app("chat");
        apps.add(chat);
        KeyHash next = KeyHash.of(AppKey.generate(RANDOM), RANDOM);
        Instant now = CREATED.plusSeconds(60);
        App rotated = apps.update(chat.id(), old -> old.withNewKey(next, now, now.plus(Duration.ofHours(1))))
                .orElseThrow();
        assertEquals(2, rotated.keys().size());
        assertEquals(Optional.of(rotated), apps.find(chat.id()));
        assertEquals(Optional.of(now.plus(Duration.ofHours(1))), apps.find(chat.id()).orElseThrow().keys().get(1).notAfter());
        assertEquals(Optional.empty(), apps.update(new AppId("nobody"), old -> old));
        assertEquals(Optional.empty(), apps.find(new AppId("nobody")));
    }

    @Test
    void deletingAnAppDeletesItsGroupsOnlyAndTellsTheListeners() throws Exception {
        LinkedBlockingQueue<AppId> heard = new LinkedBlockingQueue<>();
        apps.onDeleted(heard::add);
        apps.add(app("chat"));
        apps.add(app("game"));
        group("c1", "chat");
        group("c2", "chat");
        group("g1", "game");

        assertTrue(apps.delete(new AppId("chat")));

        assertEquals(new AppId("chat"), heard.poll(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), apps.find(new AppId("chat")));
        assertEquals(Set.of("g1"), groups.all().keySet());
        assertEquals(Optional.empty(), groups.get("c1"));
        assertEquals(0, groups.countByApp("chat"));
        assertTrue(apps.find(new AppId("game")).isPresent());
        assertFalse(apps.delete(new AppId("chat")));
        assertEquals(null, heard.poll(200, TimeUnit.MILLISECONDS));
    }
}
