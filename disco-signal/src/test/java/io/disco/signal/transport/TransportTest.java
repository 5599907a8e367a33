package io.disco.signal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.signal.RunningRouter;
import io.disco.signal.router.RouterLimits;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage.Publish;
import io.disco.signal.wamp.WampSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    void everyPingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
        byte[] largest = new byte[125];
        for (int i = 0; i < largest.length; i++) {
            largest[i] = (byte) (i * 7);
        }
        try (RunningRouter router = new RunningRouter();
             RawWebSocket client = RawWebSocket.connect(router.server.port(), 0)) {
            client.sendText(HELLO);
            assertTrue(client.readText().startsWith("[2,"));
            for (byte[] payload : List.of(new byte[0], "babble".getBytes(StandardCharsets.UTF_8), largest)) {
                client.ping(payload);
                assertArrayEquals(payload, client.readPong(), "pong to a ping of " + payload.length + " bytes");
            }
            client.sendText("[64,1,{},\"io.disco.after.pings\"]");
            assertTrue(client.readText().startsWith("[65,1,"), "the session no longer routes after pings");
        }
    }

    @Test
    void aPingIsAnsweredWhileTheRoutersOwnPingAwaitsItsPong() throws Exception {
        byte[] payload = {0, 1, 2, (byte) 0xFF};
        try (RunningRouter router = new RunningRouter(RouterLimits.defaults(), 64 * 1024, Duration.ofMillis(300), 64);
             RawWebSocket client = RawWebSocket.connect(router.server.port(), 0)) {
            client.sendText(HELLO);
            assertTrue(client.readText().startsWith("[2,"));
            client.readPing();
            // The router's ping stays unanswered: ours crosses it.
            client.ping(payload);
            assertArrayEquals(payload, client.readPong());
            assertEquals(1, router.sessions());
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

    @Test
    void aMessageSentInFragmentsIsAssembledBeforeItIsRead() throws Exception {
        byte[] hello = HELLO.getBytes(StandardCharsets.UTF_8);
        try (RunningRouter router = new RunningRouter();
             RawWebSocket client = RawWebSocket.connect(router.server.port(), 0)) {
            client.sendFrame(false, 0x1, Arrays.copyOfRange(hello, 0, 5));
            client.sendFrame(false, 0x0, Arrays.copyOfRange(hello, 5, 20));
            client.sendFrame(true, 0x0, Arrays.copyOfRange(hello, 20, hello.length));
            assertTrue(client.readText().startsWith("[2,"), "no WELCOME to a fragmented HELLO");
        }
    }

    @Test
    void aFrameWhoseRestArrivesLaterIsReadWhenItDoes() throws Exception {
        // The first piece leaves room in the router's read buffer, which it takes as the socket
        // being empty (EventLoopEndPoint): the rest, arriving later, must wake it all the same.
        try (RunningRouter router = new RunningRouter();
             RawWebSocket client = RawWebSocket.connect(router.server.port(), 0)) {
            client.sendTextInTwoPieces(HELLO, 3, Duration.ofMillis(300));
            assertTrue(client.readText().startsWith("[2,"), "no WELCOME to a HELLO sent in two pieces");
        }
    }

    // A single frame over the limit is RouterTest's aMessageOverTheSizeLimitClosesThatSession: the
    // raw client here would race the server's close while still writing it.
    @Test
    void fragmentsAddingUpToMoreThanTheLimitCloseTheConnectionAsTooBig() throws Exception {
        byte[] half = new byte[40 * 1024];
        Arrays.fill(half, (byte) ' ');
        try (RunningRouter router = new RunningRouter(RouterLimits.defaults(), 64 * 1024, Duration.ofSeconds(30), 64);
             RawWebSocket client = RawWebSocket.connect(router.server.port(), 0)) {
            client.sendFrame(false, 0x1, half);
            client.sendFrame(true, 0x0, half);
            assertEquals(1009, client.readCloseCode());
        }
    }

    @Test
    void textThatIsNotUtf8IsAProtocolViolation() throws Exception {
        byte[] broken = "[1,\"m\u00ffin\",{\"roles\":{\"caller\":{}}}]".getBytes(StandardCharsets.ISO_8859_1);
        try (RunningRouter router = new RunningRouter();
             RawWebSocket client = RawWebSocket.connect(router.server.port(), 0)) {
            client.sendFrame(true, 0x1, broken);
            String abort = client.readText();
            assertTrue(abort.startsWith("[3,") && abort.contains("wamp.error.protocol_violation"), abort);
        }
    }

    @Test
    void compressionOfferedByTheClientIsDeclined() throws Exception {
        try (RunningRouter router = new RunningRouter();
             RawWebSocket client = RawWebSocket.connect(router.server.port(), 0,
                     "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
            assertFalse(client.upgradeResponse().toLowerCase(Locale.ROOT).contains("sec-websocket-extensions"),
                    client.upgradeResponse());
            client.sendText(HELLO);
            assertTrue(client.readText().startsWith("[2,"));
        }
    }
}
