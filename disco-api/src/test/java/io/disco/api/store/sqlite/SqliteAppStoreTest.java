package io.disco.api.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.disco.api.store.AppStore;
import io.disco.api.store.AppStoreContract;
import io.disco.api.store.GroupStore;
import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAppStoreTest extends AppStoreContract {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("groups.db");
    }

    @Override
    protected GroupStore openGroups() {
        return SqliteGroupStore.open(file(), StoreSync.NORMAL, new MutableClock(NOW));
    }

    @Override
    protected AppStore openApps(GroupStore groups) {
        return SqliteAppStore.open(file(), groups);
    }

    private void reopen() throws Exception {
        apps.close();
        groups.close();
        groups = openGroups();
        apps = openApps(groups);
    }

    @Test
    void aReopenedFileHoldsTheAppsAsLastWrittenAndNotTheDeletedOnes() throws Exception {
        App chat = app("chat");
        apps.add(chat);
        apps.add(app("game"));
        App renamed = apps.update(chat.id(), old -> new App(old.id(), "renamed", old.created(), old.keys()))
                .orElseThrow();
        apps.delete(new AppId("game"));

        reopen();

        assertEquals(Optional.of(renamed), apps.find(chat.id()));
        assertEquals(Optional.empty(), apps.find(new AppId("game")));
    }

    @Test
    void aFileOfSchemaVersionOneGetsTheAppsTableAndKeepsItsGroups() throws Exception {
        apps.close();
        groups.close();
        Files.delete(file());
        sql("CREATE TABLE groups (id TEXT PRIMARY KEY NOT NULL, json BLOB NOT NULL, "
                + "expires_second INTEGER NOT NULL, expires_nano INTEGER NOT NULL)",
                "INSERT INTO groups VALUES ('g1', '{\"ID\":\"g1\",\"Name\":\"n\",\"AppID\":\"chat\",\"PubKey\":\"\","
                        + "\"LastUpdated\":0,\"Peers\":[],\"GenesisPeers\":[]}', " + (NOW.getEpochSecond() + 60) + ", 0)",
                "PRAGMA user_version = 1");

        groups = openGroups();
        apps = openApps(groups);

        assertEquals(Set.of("g1"), groups.all().keySet());
        App chat = app("chat");
        apps.add(chat);
        reopen();
        assertEquals(Optional.of(chat), apps.find(chat.id()));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("PRAGMA user_version")) {
            version.next();
            assertEquals(2, version.getInt(1));
        }
    }

    private void sql(String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = connection.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
