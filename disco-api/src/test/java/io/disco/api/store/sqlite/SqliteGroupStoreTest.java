package io.disco.api.store.sqlite;

import io.disco.api.store.GroupStore;
import io.disco.api.store.GroupStoreContract;
import io.disco.common.testing.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteGroupStoreTest extends GroupStoreContract {

    @TempDir
    Path dir;

    @Override
    protected GroupStore openEmpty() {
        return SqliteGroupStore.open(dir.resolve("groups.db"), StoreSync.NORMAL, MutableClock.at("2026-01-01T00:00:00Z"));
    }
}
