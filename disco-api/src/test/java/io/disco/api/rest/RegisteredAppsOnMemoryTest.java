package io.disco.api.rest;

import io.disco.api.store.StoreConfig;
import java.nio.file.Path;

class RegisteredAppsOnMemoryTest extends RegisteredAppsHttpContract {

    @Override
    protected StoreConfig store(Path dir) {
        return new StoreConfig.Memory();
    }
}
