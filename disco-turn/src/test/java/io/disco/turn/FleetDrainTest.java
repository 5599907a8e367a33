package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.ice.IceUrl;
import io.disco.ops.Operations;
import io.disco.redis.RedisLocation;
import io.disco.redis.ClusterConfig;
import io.disco.redis.fleet.TurnFleet;
import io.disco.redis.testing.RedisServer;
import io.disco.turn.testing.ListeningPort;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TURN servers of one fleet ({@code --cluster}) on a real redis-server: a draining one sends a new
 * client to a live one by the address of its announced turn: URL, unless {@code --alternate-server}
 * names one, and refuses it when none is left.
 */
class FleetDrainTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(300);

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A started server of the fleet, and what drains it. */
    private record Member(TurnServer server, TurnFleet fleet, Operations operations) implements AutoCloseable {
        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.port());
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    private Member member(RedisServer redis, TurnConfig.Draining draining) throws Exception {
        TurnFleet fleet = TurnFleet.open(new ClusterConfig(RedisLocation.parse("--cluster", redis.uri(), "drain:",
                Optional.empty(), Duration.ofMillis(500)), HEARTBEAT), Clock.systemUTC());
        opened.add(fleet);
        int port = ListeningPort.freeForUdpAndTcp();
        TurnConfig base = TestConfigs.onFreePorts(null);
        TurnConfig config = new TurnConfig(new TurnConfig.Listeners(port, 0, null), base.auth(), base.relay(),
                base.peers(), base.limits(), base.apps(), draining);
        Operations operations = new Operations();
        TurnServer server = new TurnServer(config, new TurnContext(Clock.systemUTC(), Optional.empty(), operations,
                Optional.of(new FleetMembership(fleet, List.of(IceUrl.parse("turn:127.0.0.1:" + port))))));
        server.start();
        Member member = new Member(server, fleet, operations);
        opened.add(member);
        return member;
    }

    private static Reply allocate(InetSocketAddress server) throws Exception {
        try (UdpTurnClient client = new UdpTurnClient(server)) {
            String nonce = client.call(Messages.allocate().encode()).nonce();
            return client.call(Messages.allocate().credentials("test", TestConfigs.REALM, nonce, "test").fingerprint()
                    .encode());
        }
    }

    /** The answers to new Allocates until one fails with {@code code}, for two seconds at most. */
    private static Reply allocateUntil(InetSocketAddress server, int code) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        Reply reply = allocate(server);
        while (reply.code() != code && System.nanoTime() < deadline) {
            // Slowly: a server answers few unauthenticated requests from one address a second.
            Thread.sleep(150);
            reply = allocate(server);
        }
        return reply;
    }

    @Test
    void aDrainingServerSendsNewClientsToALiveOneOfItsFleetElseRefusesThem() throws Exception {
        try (RedisServer redis = RedisServer.start("turn-drain")) {
            Member draining = member(redis, TurnConfig.Draining.REFUSE);
            Member live = member(redis, TurnConfig.Draining.REFUSE);
            assertTrue(allocate(draining.address()).isSuccess(), "the fleet's servers allocate");

            draining.operations().drain().begin();
            Reply redirected = allocateUntil(draining.address(), 300);
            assertEquals(300, redirected.code());
            assertEquals(live.address(), redirected.alternateServer(), "the live one, by its turn: URL");

            live.close();
            opened.remove(live);
            assertEquals(403, allocateUntil(draining.address(), 403).code(), "none left to send it to");
        }
    }

    @Test
    void anAlternateServerGivenWinsOverTheFleet() throws Exception {
        InetSocketAddress given = new InetSocketAddress("192.0.2.7", 3478);
        try (RedisServer redis = RedisServer.start("turn-drain-given")) {
            Member draining = member(redis, new TurnConfig.Draining(Optional.of(given)));
            member(redis, TurnConfig.Draining.REFUSE);
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (draining.fleet().available().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, draining.fleet().available().size(), "the other one known to the draining one");
            draining.operations().drain().begin();
            assertEquals(given, allocateUntil(draining.address(), 300).alternateServer());
        }
    }
}
