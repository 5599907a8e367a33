package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.disco.api.store.GroupStore;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    @Test
    void stoppingTheServerClosesItsStore() throws Exception {
        GroupStore store;
        try (RunningApi api = new RunningApi()) {
            store = api.server.store();
            store.size();
        }
        assertThrows(IllegalStateException.class, store::size);
    }
}
