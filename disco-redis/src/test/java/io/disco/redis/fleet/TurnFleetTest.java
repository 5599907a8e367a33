package io.disco.redis.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.ice.IceUrl;
import io.disco.redis.ClusterConfig;
import io.disco.redis.RedisLocation;
import io.disco.redis.testing.RedisServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TURN servers announcing themselves in a real redis-server, each through a fleet of its own as
 * each runs in a process of its own, read by a further fleet as the discovery API reads it.
 */
class TurnFleetTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(300);
    // A relay that joins says so on the change channel: seen at once, on a machine at rest.
    private static final Duration JOINED = Duration.ofSeconds(3);

    private static RedisServer redis;
    private final List<TurnFleet> fleets = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start("turn-fleet");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @AfterEach
    void closeFleets() {
        fleets.forEach(TurnFleet::close);
    }

    private TurnFleet fleet(String prefix) {
        return fleet(prefix, HEARTBEAT);
    }

    private TurnFleet fleet(String prefix, Duration heartbeat) {
        TurnFleet fleet = TurnFleet.open(new ClusterConfig(RedisLocation.parse("--cluster", redis.uri(), prefix,
                Optional.empty(), Duration.ofMillis(500)), heartbeat), Clock.systemUTC());
        fleets.add(fleet);
        return fleet;
    }

    /** A relay's load and drain as its announcer reads them. */
    private record Relay(TurnFleet fleet, TurnAnnouncer announcer, AtomicLong allocations, AtomicBoolean draining) {
    }

    private Relay relay(String prefix, String url) {
        return relay(prefix, url, HEARTBEAT);
    }

    private Relay relay(String prefix, String url, Duration heartbeat) {
        TurnFleet fleet = fleet(prefix, heartbeat);
        AtomicLong allocations = new AtomicLong();
        AtomicBoolean draining = new AtomicBoolean();
        return new Relay(fleet, fleet.announce(List.of(IceUrl.parse(url)), allocations::get, draining::get),
                allocations, draining);
    }

    private static List<String> urls(TurnFleet fleet) {
        return fleet.available().stream().map(node -> node.urls().get(0).toString()).toList();
    }

    /** How long until {@code fleet} reads as {@code expected} wants, failing after {@code within}. */
    private static Duration await(TurnFleet fleet, Duration within, Predicate<List<String>> expected, String what)
            throws InterruptedException {
        long start = System.nanoTime();
        while (!expected.test(urls(fleet))) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(within) < 0, what + " within " + within + "; still " + urls(fleet));
            Thread.sleep(5);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void theLiveRelaysAreReadLeastLoadedFirst() throws Exception {
        TurnFleet api = fleet("order:");
        Relay one = relay("order:", "turn:192.0.2.1");
        Relay two = relay("order:", "turn:192.0.2.2");
        two.allocations().set(5);
        await(api, JOINED, urls -> urls.equals(List.of("turn:192.0.2.1", "turn:192.0.2.2")),
                "the less loaded first");
        one.allocations().set(9);
        await(api, HEARTBEAT.multipliedBy(3).plusMillis(500),
                urls -> urls.equals(List.of("turn:192.0.2.2", "turn:192.0.2.1")),
                "the order follows the load within two heartbeats");
    }

    @Test
    void aRelayThatDrainsOrLeavesIsGoneAtOnce() throws Exception {
        // Long heartbeats, so that "at once" cannot be a heartbeat's doing.
        Duration heartbeat = Duration.ofSeconds(5);
        TurnFleet api = fleet("gone:", heartbeat);
        Relay draining = relay("gone:", "turn:192.0.2.1", heartbeat);
        Relay leaving = relay("gone:", "turn:192.0.2.2", heartbeat);
        await(api, Duration.ofSeconds(1), urls -> urls.size() == 2, "both, announced as they join");

        draining.draining().set(true);
        draining.announcer().announceNow();
        await(api, Duration.ofSeconds(1), urls -> urls.equals(List.of("turn:192.0.2.2")), "the drained one gone");
        leaving.announcer().leave();
        await(api, Duration.ofSeconds(1), List::isEmpty, "the one leaving gone");
    }

    @Test
    void aRelayThatFallsSilentIsGoneWithinThreeHeartbeats() throws Exception {
        TurnFleet api = fleet("silent:");
        Relay silent = relay("silent:", "turn:192.0.2.3");
        await(api, JOINED, urls -> urls.size() == 1, "the relay");
        // Its process ends without a word: its key outlives its last heartbeat by three
        // heartbeats, and the next reading misses it.
        silent.fleet().close();
        await(api, HEARTBEAT.multipliedBy(4).plusMillis(500), List::isEmpty, "the silent one gone");
    }

    @Test
    void aReadingOlderThanThreeHeartbeatsCountsForNothingAndRedisBackBringsTheFleetBack() throws Exception {
        TurnFleet api = fleet("outage:");
        Relay relay = relay("outage:", "turn:192.0.2.1");
        await(api, JOINED, urls -> urls.size() == 1, "the relay");
        redis.stop();
        try {
            await(api, HEARTBEAT.multipliedBy(5), List::isEmpty, "none known once the reading is stale");
        } finally {
            redis.start();
        }
        await(api, HEARTBEAT.multipliedBy(3).plusSeconds(2), urls -> urls.size() == 1,
                "the relay announced and read again");
        await(relay.fleet(), HEARTBEAT.multipliedBy(2), urls -> urls.size() == 1, "the relay reading the fleet too");
    }

    @Test
    void aNodeIsNamedInAlternateServerByTheAddressOfItsTurnUrlOverUdp() {
        assertEquals(Optional.of(new InetSocketAddress("192.0.2.7", 3478)), node("turn:192.0.2.7").stunAddress());
        assertEquals(Optional.of(new InetSocketAddress("2001:db8::7", 3479)),
                node("turns:[2001:db8::7]:5349", "turn:relay.example.org", "turn:[2001:db8::7]:3479").stunAddress());
        assertEquals(Optional.empty(), node("turn:192.0.2.7:3478?transport=tcp", "turn:relay.example.org").stunAddress());
    }

    private static TurnNode node(String... urls) {
        return new TurnNode("n", List.of(urls).stream().map(IceUrl::parse).toList(), 0, false);
    }
}
