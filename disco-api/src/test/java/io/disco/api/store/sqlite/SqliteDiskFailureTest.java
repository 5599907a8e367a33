package io.disco.api.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.store.GroupStore;
import io.disco.api.store.StoreUnavailableException;
import io.disco.api.store.StoredGroup;
import io.disco.common.model.Group;
import io.disco.common.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk filling up under a running store, for real: a small tmpfs of the test's own (the tests
 * run as root) returns ENOSPC, which SQLite reports as SQLITE_FULL. Writes fail whole, reads go
 * on, and writes work again once there is room. (A read-only remount cannot be staged the same
 * way: the kernel refuses it while SQLite holds the file open for writing.)
 */
class SqliteDiskFailureTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String NAME = "x".repeat(2000);

    @TempDir
    Path dir;
    private Path disk;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        disk = Files.createDirectory(dir.resolve("disk"));
        run("mount", "-t", "tmpfs", "-o", "size=1m", "disco-test", disk.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", disk.toString());
    }

    private GroupStore open() {
        return SqliteGroupStore.open(disk.resolve("groups.db"), StoreSync.FULL, new MutableClock(NOW));
    }

    private static StoredGroup group(String id) {
        return StoredGroup.of(new Group(id, NAME, "chat", "", 0, null, null, null), NOW.plusSeconds(600));
    }

    @Test
    void aFullDiskRefusesWritesWholeKeepsReadsAndRecovers() throws Exception {
        // Room the test frees once the disk is full.
        Path ballast = Files.write(disk.resolve("ballast"), new byte[256 * 1024]);
        Set<String> acknowledged = new HashSet<>();
        try (GroupStore store = open()) {
            String refused = null;
            for (int i = 0; i < 2000 && refused == null; i++) {
                String id = "g" + i;
                try {
                    store.upsert(id, old -> group(id));
                    acknowledged.add(id);
                } catch (StoreUnavailableException e) {
                    assertEquals("the disk is full", e.getMessage());
                    refused = id;
                }
            }
            assertTrue(refused != null, "the disk never filled");
            String first = acknowledged.iterator().next();
            assertEquals(NAME, store.get(first).orElseThrow().group().name());
            assertEquals(acknowledged, store.all().keySet());
            String notWritten = refused;
            assertThrows(StoreUnavailableException.class, () -> store.upsert(notWritten, old -> group(notWritten)));
            assertThrows(StoreUnavailableException.class, () -> store.delete(first));
            assertEquals(acknowledged, store.all().keySet(), "a refused write shows");

            Files.delete(ballast);
            store.upsert(refused, old -> group(notWritten));
            acknowledged.add(refused);
            assertTrue(store.delete(first));
            acknowledged.remove(first);
        }
        try (GroupStore reopened = open()) {
            assertEquals(acknowledged, reopened.all().keySet());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String said = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + said);
    }
}
