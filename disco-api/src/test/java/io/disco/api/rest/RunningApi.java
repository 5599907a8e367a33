package io.disco.api.rest;

import io.disco.api.ApiConfig;
import io.disco.api.ApiContext;
import io.disco.api.ApiServer;
import io.disco.api.apps.AppsConfig;
import io.disco.api.cors.WebOrigin;
import io.disco.api.group.GroupLimits;
import io.disco.api.group.GroupQuota;
import io.disco.api.group.TtlPolicy;
import io.disco.api.ice.IceConfig;
import io.disco.api.ice.LocalRelay;
import io.disco.api.quorum.QuorumFloor;
import io.disco.api.store.StoreConfig;
import io.disco.api.throttle.WriteLimit;
import io.disco.common.testing.MutableClock;
import io.disco.common.testing.TestTls;
import io.disco.ops.Operations;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A real discovery server on a free loopback port, over TLS, with a clock the test moves. */
final class RunningApi implements AutoCloseable {

    static final Duration TTL = Duration.ofMinutes(5);
    static final long MAX_BODY = 64 * 1024;
    static final int MAX_PEERS = 50;

    final MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
    final ApiServer server;

    RunningApi() throws Exception {
        this("127.0.0.1");
    }

    RunningApi(String host) throws Exception {
        this(host, List.of());
    }

    RunningApi(String host, List<WebOrigin> corsOrigins) throws Exception {
        this(host, corsOrigins, GroupQuota.defaults(), WriteLimit.none());
    }

    RunningApi(GroupQuota quota) throws Exception {
        this("127.0.0.1", List.of(), quota, WriteLimit.none());
    }

    RunningApi(GroupQuota quota, WriteLimit writes) throws Exception {
        this("127.0.0.1", List.of(), quota, writes);
    }

    RunningApi(QuorumFloor minQuorum) throws Exception {
        this("127.0.0.1", List.of(), GroupQuota.defaults(), WriteLimit.none(), minQuorum);
    }

    RunningApi(String host, List<WebOrigin> corsOrigins, GroupQuota quota, WriteLimit writes) throws Exception {
        this(host, corsOrigins, quota, writes, QuorumFloor.NONE);
    }

    /** Writes are unlimited unless asked: the tests of other behaviour write fast from one address. */
    RunningApi(String host, List<WebOrigin> corsOrigins, GroupQuota quota, WriteLimit writes, QuorumFloor minQuorum)
            throws Exception {
        this(host, corsOrigins, quota, writes, minQuorum, new StoreConfig.Memory(), AppsConfig.open(),
                IceConfig.none(), Optional.empty());
    }

    /** A server of registered applications, or open with an admin API, on the store given. */
    RunningApi(StoreConfig store, AppsConfig apps) throws Exception {
        this("127.0.0.1", List.of(), GroupQuota.defaults(), WriteLimit.none(), QuorumFloor.NONE, store, apps,
                IceConfig.none(), Optional.empty());
    }

    /** A server handing out ICE servers, in a process with a relay of its own or not. */
    RunningApi(AppsConfig apps, IceConfig ice, Optional<LocalRelay> relay, List<WebOrigin> corsOrigins)
            throws Exception {
        this("127.0.0.1", corsOrigins, GroupQuota.defaults(), WriteLimit.none(), QuorumFloor.NONE,
                new StoreConfig.Memory(), apps, ice, relay);
    }

    private RunningApi(String host, List<WebOrigin> corsOrigins, GroupQuota quota, WriteLimit writes,
            QuorumFloor minQuorum, StoreConfig store, AppsConfig apps, IceConfig ice, Optional<LocalRelay> relay)
            throws Exception {
        ApiConfig config = new ApiConfig(host, 0, TestTls.identity(), store,
                new TtlPolicy(TTL, Duration.ofSeconds(10), Duration.ofHours(1)), Duration.ofMinutes(1), MAX_BODY,
                GroupLimits.withMaxPeers(MAX_PEERS), quota, writes, corsOrigins, minQuorum, apps, ice, false);
        ApiContext context = ApiContext.open(config.store(), clock, new Operations());
        server = new ApiServer(config, relay.map(context::withLocalRelay).orElse(context));
        server.start();
    }

    URI uri() {
        return server.uri();
    }

    /** The same server as the certificate names it, for clients that verify names. */
    URI localhostUri() {
        return URI.create("https://localhost:" + server.port());
    }

    @Override
    public void close() {
        server.stop();
    }
}
