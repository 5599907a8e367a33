package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.turn.testing.MapAppDirectory;
import io.disco.turn.testing.RelayPorts;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --apps registered} over real loopback UDP: the per-app quota, and a deleted app's relays ending. */
class RegisteredAppsServerTest {

    private static final String SECRET = "s3cret";

    private final MapAppDirectory directory = new MapAppDirectory().register("chat").register("games");
    private final List<UdpTurnClient> clients = new ArrayList<>();
    private TurnServer server;

    @BeforeEach
    void start() throws Exception {
        TurnConfig config = new TurnConfig(new TurnConfig.Listeners(0, 0, null),
                new TurnConfig.Auth(TestConfigs.REALM, "test", "test", List.of(SECRET)), TestConfigs.RELAY,
                TestConfigs.LOOPBACK_PEERS, TestConfigs.LIMITS,
                new TurnConfig.Apps(TurnConfig.Apps.Mode.REGISTERED, 2));
        server = new TurnServer(config, new TurnContext(Clock.systemUTC(), Optional.of(directory)));
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(UdpTurnClient::close);
        server.stop();
    }

    /** Allocates from a new client as a user of {@code app}. */
    private Reply allocateAs(String app) throws Exception {
        UdpTurnClient client = new UdpTurnClient(new InetSocketAddress("127.0.0.1", server.port()));
        clients.add(client);
        return TestConfigs.allocateAs(client, app, SECRET);
    }

    @Test
    void anAppPastItsQuotaGets486WhileAnotherStillAllocates() throws Exception {
        assertTrue(allocateAs("chat").isSuccess());
        assertTrue(allocateAs("chat").isSuccess());
        // Well within --max-allocations-per-user (10): the app's quota (2) is the one counted.
        Reply third = allocateAs("chat");
        assertEquals(486, third.code());
        assertTrue(allocateAs("games").isSuccess());
    }

    @Test
    void aDeletedAppsAllocationsEndAndTheirRelayPortsAreFree() throws Exception {
        Reply chat = allocateAs("chat");
        assertTrue(chat.isSuccess());
        assertTrue(allocateAs("games").isSuccess());
        assertEquals(2, server.allocations().size());

        directory.delete("chat");
        assertEquals(1, server.allocations().size(), "the other app's allocation stays");
        assertEquals("games", server.allocations().all().iterator().next().account());
        assertTrue(RelayPorts.freedWithin(chat.relayed().getPort(), Duration.ofSeconds(2)), "the relay socket is closed");
        assertEquals(401, allocateAs("chat").code());
    }
}
