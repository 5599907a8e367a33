package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.disco.api.ApiConfig;
import io.disco.api.ApiContext;
import io.disco.api.ApiServer;
import io.disco.api.group.GroupLimits;
import io.disco.api.group.GroupQuota;
import io.disco.api.group.TtlPolicy;
import io.disco.api.quorum.QuorumFloor;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoreConfig;
import io.disco.api.throttle.WriteLimit;
import io.disco.common.testing.MutableClock;
import io.disco.common.testing.TestTls;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
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

    @Test
    void aServerThatCannotStartClosesItsStore() throws Exception {
        MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ApiConfig config = new ApiConfig("127.0.0.1", taken.getLocalPort(), TestTls.identity(),
                    new StoreConfig.Memory(), new TtlPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10),
                    Duration.ofHours(1)), Duration.ofMinutes(1), 4096, GroupLimits.withMaxPeers(50),
                    GroupQuota.defaults(), WriteLimit.none(), List.of(), QuorumFloor.NONE);
            GroupStore store = config.store().open(clock);
            ApiServer server = new ApiServer(config, new ApiContext(store, clock));
            assertThrows(Exception.class, server::start);
            assertThrows(IllegalStateException.class, store::size);
        }
    }
}
