package io.disco.signal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.signal.router.RouterLimits;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage.Publish;
import io.disco.signal.wamp.WampSerializer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.Test;

/** What the websocket layer does about peers that misbehave below WAMP. */
class TransportTest {

    private static final String HELLO = "[1,\"main\",{\"roles\":{\"subscriber\":{},\"callee\":{}}}]";

    @Test
    void aClientOfferingNoWampSubprotocolIsRefusedAtTheUpgrade() throws Exception {
        try (RunningRouter router = new RunningRouter()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> TestClient.connect(router.uri(), WampSerializer.JSON, List.of("chat", "mqtt")));
            UpgradeException upgrade = (UpgradeException) e.getCause();
            assertEquals(400, upgrade.getResponseStatusCode());
        }
    }

    @Test
    void thePreferredKnownSubprotocolIsChosen() throws Exception {
        try (RunningRouter router = new RunningRouter();
             TestClient client = TestClient.connect(router.uri(), WampSerializer.MSGPACK,
                     List.of("wamp.2.unknown", "wamp.2.msgpack", "wamp.2.json"))) {
            client.join("main");
        }
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsDropped() throws Exception {
        try (RunningRouter router = new RunningRouter(RouterLimits.defaults(), 64 * 1024, Duration.ofMillis(300), 64);
             RawWebSocket silent = RawWebSocket.connect(router.server.port(), 0)) {
            silent.sendText(HELLO);
            assertTrue(silent.readText().startsWith("[2,"));
            assertEquals(1, router.sessions());
            // The raw client reads nothing more and answers no ping.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (router.sessions() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, router.sessions(), "the silent session was not dropped");
        }
    }

    @Test
    void aClientTooSlowToReadIsDisconnectedAndOthersCarryOn() throws Exception {
        try (RunningRouter router = new RunningRouter(RouterLimits.defaults(), 128 * 1024, Duration.ofSeconds(30), 16);
             RawWebSocket slow = RawWebSocket.connect(router.server.port(), 4096);
             TestClient publisher = TestClient.connect(router.uri(), WampSerializer.JSON)) {
            slow.sendText(HELLO);
            slow.readText();
            slow.sendText("[32,1,{},\"io.disco.flood\"]");
            assertTrue(slow.readText().startsWith("[33,1,"));
            publisher.join("main");
            String big = "x".repeat(60 * 1024);
            // The slow client reads nothing from here on; its kernel buffers fill, then its queue.
            for (int i = 0; i < 2000 && router.sessions() == 2; i++) {
                publisher.send(new Publish(i + 1, WampCodec.dict(), "io.disco.flood", TestClient.args(big), null));
                Thread.sleep(1);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (router.sessions() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, router.sessions(), "the slow session was not disconnected");
            assertTrue(publisher.isOpen());
            assertTrue(slow.closedByServer());
        }
    }
}
