package io.disco.api.rest;

import io.disco.api.store.StoreConfig;
import io.disco.api.store.sqlite.StoreSync;
import java.nio.file.Path;

class RegisteredAppsOnSqliteTest extends RegisteredAppsHttpContract {

    @Override
    protected StoreConfig store(Path dir) {
        return new StoreConfig.Sqlite(dir.resolve("groups.db"), StoreSync.NORMAL);
    }
}
