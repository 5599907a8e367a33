package io.disco.api.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.store.GroupStore;
import io.disco.api.store.GroupStoreContract;
import io.disco.api.store.InMemoryGroupStore;
import io.disco.api.store.StoreOpenException;
import io.disco.api.store.StoreUnavailableException;
import io.disco.api.store.StoredGroup;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.testing.MutableClock;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteGroupStoreTest extends GroupStoreContract {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Override
    protected GroupStore openEmpty() {
        return open(NOW);
    }

    private Path file() {
        return dir.resolve("groups.db");
    }

    private GroupStore open(Instant now) {
        return SqliteGroupStore.open(file(), StoreSync.NORMAL, new MutableClock(now));
    }

    private GroupStore reopen(Instant now) {
        store.close();
        store = open(now);
        return store;
    }

    private static StoredGroup group(String id, String app, Instant expiresAt) {
        return StoredGroup.of(new Group(id, "name-" + id, app, "", 0, null, null, null), expiresAt);
    }

    // --- what a restart keeps

    @Test
    void aReopenedFileHoldsEveryGroupExactlyAsStoredAndNotTheDeletedOnes() {
        Peer monica = new Peer("198.18.0.1:1337", "0X04AB", "Monica");
        Group full = new Group("1", "office group", "chat", "0X04EF", 1583773505, List.of(monica), List.of(monica), 90L);
        Instant expiresAt = NOW.plusSeconds(90).plusNanos(123_456_789);
        store.upsert("1", old -> StoredGroup.of(full, expiresAt));
        store.upsert("2", old -> group("2", "game", NOW.plusSeconds(60)));
        store.upsert("3", old -> group("3", "game", NOW.plusSeconds(60)));
        store.update("2", old -> group("2", "notes", NOW.plusSeconds(70)));
        store.delete("3");
        byte[] json = store.get("1").orElseThrow().json();

        reopen(NOW);
        StoredGroup kept = store.get("1").orElseThrow();
        assertEquals(full, kept.group());
        assertEquals(expiresAt, kept.expiresAt());
        assertArrayEquals(json, kept.json());
        assertEquals("notes", store.get("2").orElseThrow().appId());
        assertEquals(NOW.plusSeconds(70), store.get("2").orElseThrow().expiresAt());
        assertEquals(Set.of("1", "2"), store.all().keySet());
        assertEquals(Set.of("2"), store.byApp("notes").keySet());
        assertEquals(Map.of(), store.byApp("game"));
    }

    @Test
    void aGroupThatExpiredWhileNoServerRanIsGoneAtStartAndFromTheFile() {
        store.upsert("gone", old -> group("gone", "chat", NOW.plusSeconds(10)));
        store.upsert("kept", old -> group("kept", "chat", NOW.plusSeconds(11)));

        reopen(NOW.plusSeconds(10));
        assertEquals(Optional.empty(), store.get("gone"));
        assertEquals(Set.of("kept"), store.byApp("chat").keySet());
        // Deleted at load, not only hidden: a clock set back does not bring it back.
        reopen(NOW);
        assertEquals(Set.of("kept"), store.all().keySet());
    }

    /** Loading parses each row but serves the bytes the row holds, rather than rendering them again. */
    @Test
    void aLoadedGroupServesTheJsonItsRowHolds() throws Exception {
        store.close();
        String json = "{ \"ID\": \"1\", \"AppID\": \"chat\", \"Name\": \"as written\" }";
        sql("INSERT INTO groups (id, json, expires_second, expires_nano) VALUES ('1', CAST('" + json + "' AS BLOB), "
                + NOW.plusSeconds(60).getEpochSecond() + ", 0)");

        store = open(NOW);
        StoredGroup loaded = store.get("1").orElseThrow();
        assertEquals(json, new String(loaded.json(), StandardCharsets.UTF_8));
        assertEquals("as written", loaded.group().name());
    }

    /**
     * Another connection holding the file's write lock makes the open wait for it, past the
     * driver's own default wait of 3 s, and then go on: the wait is set before the first statement.
     */
    @Test
    void anOpenWaitsForAnotherConnectionsLockOnANewFile() throws Exception {
        store.close();
        Files.delete(file());
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(3500);
                    lock.execute("ROLLBACK");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            store = open(NOW);
            release.join();
        }
        store.upsert("1", old -> group("1", "chat", NOW.plusSeconds(60)));
        assertEquals(Set.of("1"), reopen(NOW).all().keySet());
    }

    /**
     * The sweep runs on the writer thread, which every write waits for: it walks the groups for
     * the expired ones instead of copying them all (which, for these, allocates over 1 MB).
     */
    @Test
    void aSweepDoesNotCopyTheGroupsOnTheWriterThread() {
        for (int i = 0; i < 20_000; i++) {
            String id = "g" + i;
            store.upsert(id, old -> group(id, "chat", NOW.plusSeconds(60)));
        }
        Thread[] writer = new Thread[1];
        store.upsert("gone", old -> {
            writer[0] = Thread.currentThread();
            return group("gone", "chat", NOW.plusSeconds(10));
        });
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(writer[0].getId());
        assertEquals(Set.of("gone"), store.deleteExpired(NOW.plusSeconds(10)).keySet());
        long allocated = threads.getThreadAllocatedBytes(writer[0].getId()) - before;
        assertTrue(allocated < 200_000, "the sweep allocated " + allocated + " bytes on the writer thread");
        assertEquals(20_000, reopen(NOW).size());
    }

    // --- faults

    /** A fault that is no SQLException must not end the writer thread, or every later write waits for ever. */
    @Test
    void aWriteFailingWithAnErrorIsAnsweredAndLaterWritesGoOn() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            store.upsert("kept", old -> group("kept", "chat", NOW.plusSeconds(60)));
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> store.upsert("bad", old -> {
                        throw new AssertionError("a bug in a change");
                    }));
            assertEquals("unexpected fault", e.getMessage());
            store.upsert("after", old -> group("after", "chat", NOW.plusSeconds(60)));
        });
        assertEquals(Set.of("kept", "after"), store.all().keySet());
        assertEquals(Set.of("kept", "after"), reopen(NOW).all().keySet());
    }

    // --- files it will not start over

    @Test
    void aFileOfANewerSchemaStopsTheOpenNamingItAndIsLeftAsItWas() throws Exception {
        store.close();
        sql("PRAGMA user_version = " + (GroupDatabase.SCHEMA_VERSION + 1));
        assertRefused("was written by a newer disco (schema version 3; this one reads up to 2)");
    }

    @Test
    void aFileThatIsNotSqliteStopsTheOpen() throws Exception {
        store.close();
        Files.writeString(file(), "groups:\n  - office\n".repeat(100), StandardCharsets.UTF_8);
        assertRefused("is not an SQLite database");
    }

    @Test
    void aCorruptFileStopsTheOpen() throws Exception {
        for (int i = 0; i < 500; i++) {
            String id = "g" + i;
            store.upsert(id, old -> group(id, "chat", NOW.plusSeconds(60)));
        }
        store.close();
        long pages = Files.size(file()) / 4096;
        assertTrue(pages > 4, "the file has " + pages + " pages");
        try (RandomAccessFile raw = new RandomAccessFile(file().toFile(), "rw")) {
            // Page 3 onwards, past the header page, overwritten with garbage.
            raw.seek(2 * 4096);
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0x5a);
            raw.write(garbage);
        }
        assertRefused("is corrupt (");
    }

    @Test
    void anSqliteDatabaseOfSomethingElseStopsTheOpen() throws Exception {
        store.close();
        Files.delete(file());
        sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
        assertRefused("is an SQLite database but not one of disco's groups (it has tables and no schema version)");
    }

    @Test
    void aPathThatCannotBeOpenedStopsTheOpen() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("a-directory"));
        StoreOpenException refused = assertThrows(StoreOpenException.class,
                () -> SqliteGroupStore.open(directory, StoreSync.NORMAL, new MutableClock(NOW)));
        assertEquals("group store " + directory + ": is a directory", refused.getMessage());

        Path underAFile = file().resolve("groups.db");
        refused = assertThrows(StoreOpenException.class,
                () -> SqliteGroupStore.open(underAFile, StoreSync.NORMAL, new MutableClock(NOW)));
        assertTrue(refused.getMessage().startsWith("group store " + underAFile + ": cannot create its directory "),
                refused.getMessage());
    }

    private void assertRefused(String why) throws Exception {
        byte[] before = Files.readAllBytes(file());
        StoreOpenException refused = assertThrows(StoreOpenException.class, () -> open(NOW));
        assertTrue(refused.getMessage().equals("group store " + file() + ": " + why)
                || why.endsWith("(") && refused.getMessage().startsWith("group store " + file() + ": " + why),
                refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()), "the refused file was changed");
        // The refused open left nothing to close; the contract's clean-up closes this one.
        store = new InMemoryGroupStore();
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
