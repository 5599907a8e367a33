package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.disco.common.testing.MutableClock;
import io.disco.turn.auth.LongTermKey;
import io.disco.turn.testing.EchoPeer;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.ReceivedDataIndication;
import io.disco.turn.testing.RelayPorts;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import io.disco.turn.testing.UnknownAttributeChecks;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server over real loopback UDP, with a real echo peer behind the relay. */
class TurnServerTest {

    private static final String REALM = TestConfigs.REALM;

    private TurnServer server;
    private InetSocketAddress serverAddress;
    private EchoPeer echo;

    @BeforeEach
    void start() throws Exception {
        server = new TurnServer(TestConfigs.onFreePorts(null), new TurnContext(Clock.systemUTC()));
        server.start();
        serverAddress = new InetSocketAddress("127.0.0.1", server.port());

        echo = new EchoPeer();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        echo.close();
    }

    private static Messages signed(Messages request, String nonce, String password) {
        return request.credentials("test", REALM, nonce, password).fingerprint();
    }

    @Test
    void bindingOverUdp() throws Exception {
        try (UdpTurnClient client = new UdpTurnClient(serverAddress)) {
            Reply reply = client.call(Messages.binding().encode());
            assertTrue(reply.isSuccess());
            assertEquals(client.localAddress(), reply.mapped());
            assertTrue(reply.hasFingerprint());
        }
    }

    @Test
    void anIpv6ClientGetsAnIpv6RelayAndReachesAnIpv6Peer() throws Exception {
        InetSocketAddress server6 = new InetSocketAddress("::1", server.port());
        assumeTrue(hasIpv6Loopback(), "this host has no IPv6 loopback address");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("::1", 0));
             UdpTurnClient client = new UdpTurnClient(server6)) {
            peer.setSoTimeout(5000);
            String nonce = client.call(Messages.allocate().encode()).nonce();
            Reply allocated = client.call(signed(Messages.allocate().withRaw(0x0017, new byte[] {2, 0, 0, 0}), nonce,
                    "test").encode());
            assertTrue(allocated.isSuccess(), () -> "code " + allocated.code());
            InetSocketAddress relayed = allocated.relayed();
            assertEquals(InetAddress.getByName("::1"), relayed.getAddress(), "RFC 6156: an IPv6 relayed address");

            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            assertTrue(client.call(signed(Messages.createPermission(peerAddress), nonce, "test").encode()).isSuccess());
            byte[] hello = "over IPv6".getBytes(StandardCharsets.UTF_8);
            client.send(Messages.send(peerAddress, hello));
            DatagramPacket received = new DatagramPacket(new byte[1500], 1500);
            peer.receive(received);
            assertArrayEquals(hello, Arrays.copyOf(received.getData(), received.getLength()));
            assertEquals(relayed.getPort(), received.getPort(), "from the relay");
        }
    }

    private static boolean hasIpv6Loopback() {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            return true;
        } catch (SocketException e) {
            return false;
        }
    }

    @Test
    void relaysBothWaysThroughIndicationsAndChannels() throws Exception {
        InetSocketAddress peer = echo.address();
        byte[] key = LongTermKey.of("test", REALM, "test");
        try (UdpTurnClient client = new UdpTurnClient(serverAddress)) {
            Reply challenge = client.call(Messages.allocate().encode());
            assertEquals(401, challenge.code());
            String nonce = challenge.nonce();
            assertNotNull(nonce);

            Reply allocated = client.call(signed(Messages.allocate(), nonce, "test").encode());
            assertTrue(allocated.isSuccess(), () -> "code " + allocated.code());
            assertTrue(allocated.signedWith(key));
            assertTrue(allocated.hasFingerprint());
            InetSocketAddress relayed = allocated.relayed();
            assertEquals(InetAddress.getByName("127.0.0.1"), relayed.getAddress(),
                    "--address 0.0.0.0: the address the client reached the server at");
            assertTrue(relayed.getPort() >= 49152);
            assertEquals(client.localAddress(), allocated.mapped());

            assertTrue(client.call(signed(Messages.createPermission(peer), nonce, "test").encode()).isSuccess());

            byte[] ping = "ping over a Send indication".getBytes(StandardCharsets.UTF_8);
            client.send(Messages.send(peer, ping));
            assertEquals(relayed, echo.nextSource(), "the peer hears the relayed address");
            ReceivedDataIndication data = ReceivedDataIndication.decode(client.receive());
            assertArrayEquals(ping, data.data());
            assertEquals(peer, data.peer());

            assertTrue(client.call(signed(Messages.channelBind(0x4001, peer), nonce, "test").encode()).isSuccess());
            byte[] pong = "pong over a channel".getBytes(StandardCharsets.UTF_8);
            client.send(ByteBuffer.allocate(4 + pong.length).putShort((short) 0x4001).putShort((short) pong.length)
                    .put(pong).array());
            byte[] frame = client.receive();
            assertEquals(0x4001, ByteBuffer.wrap(frame).getShort() & 0xFFFF);
            assertEquals(pong.length, ByteBuffer.wrap(frame).getShort(2));
            assertArrayEquals(pong, Arrays.copyOfRange(frame, 4, 4 + pong.length));

            Reply deleted = client.call(signed(Messages.refresh(0), nonce, "test").encode());
            assertTrue(deleted.isSuccess());
            assertEquals(0, server.allocations().size());
        }
    }

    @Test
    void unknownComprehensionRequiredAttributesGet420OverUdp() throws Exception {
        try (UdpTurnClient client = new UdpTurnClient(serverAddress)) {
            UnknownAttributeChecks.answeredWith420(client, REALM);
            assertEquals(0, server.allocations().size());
        }
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        try (UdpTurnClient client = new UdpTurnClient(serverAddress)) {
            String nonce = client.call(Messages.allocate().encode()).nonce();
            Reply reply = client.call(signed(Messages.allocate(), nonce, "wrong").encode());
            assertEquals(401, reply.code());
            assertFalse(reply.hasIntegrity());
            assertEquals(0, server.allocations().size());
        }
    }

    @Test
    void stoppingReleasesEveryAllocationAndItsRelayPort() throws Exception {
        try (UdpTurnClient client = new UdpTurnClient(serverAddress)) {
            String nonce = client.call(Messages.allocate().encode()).nonce();
            Reply allocated = client.call(signed(Messages.allocate(), nonce, "test").encode());
            assertTrue(allocated.isSuccess(), () -> "code " + allocated.code());
            int relayPort = allocated.relayed().getPort();

            server.stop();

            assertEquals(0, server.allocations().size());
            // Bound without SO_REUSEADDR: only a closed relay socket leaves the port free.
            try (DatagramSocket reuse = new DatagramSocket(new InetSocketAddress("0.0.0.0", relayPort))) {
                assertEquals(relayPort, reuse.getLocalPort());
            }
        }
    }

    @Test
    void anExpiredAllocationsRelayPortIsFreedThoughNoTrafficWakesTheRelayLoop() throws Exception {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        TurnServer expiring = new TurnServer(TestConfigs.onFreePorts(null), new TurnContext(clock));
        expiring.start();
        try (UdpTurnClient client = new UdpTurnClient(new InetSocketAddress("127.0.0.1", expiring.port()))) {
            String nonce = client.call(Messages.allocate().encode()).nonce();
            Reply allocated = client.call(signed(Messages.allocate(), nonce, "test").encode());
            assertTrue(allocated.isSuccess(), () -> "code " + allocated.code());

            // The sweeper thread ends it, within a second; no datagram comes after.
            clock.advance(Duration.ofSeconds(allocated.lifetime()));
            assertTrue(RelayPorts.freedWithin(allocated.relayed().getPort(), Duration.ofSeconds(3)));
            assertEquals(0, expiring.allocations().size());
        } finally {
            expiring.stop();
        }
    }

    @Test
    void aTakenPortFailsStartUpNamingIt() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = squatter.getLocalPort();
            TurnServer second = new TurnServer(new TurnConfig(
                    new TurnConfig.Listeners(port, 0, null),
                    TestConfigs.AUTH,
                    new TurnConfig.Relay(InetAddress.getByName("203.0.113.1"), TestConfigs.any(), 49152, 65535),
                    new TurnConfig.Peers(List.of(), List.of(), false),
                    TestConfigs.LIMITS), new TurnContext(Clock.systemUTC()));
            BindException e = assertThrows(BindException.class,
                    second::start);
            assertTrue(e.getMessage().contains("udp/" + port), e.getMessage());
            second.stop();
        }
    }

    @Test
    void malformedDatagramsAreDroppedSilentlyAndCounted() throws Exception {
        try (UdpTurnClient client = new UdpTurnClient(serverAddress)) {
            client.send(new byte[] {0, 1, 0, 0, 1, 2, 3});
            byte[] badCookie = Messages.binding().encode();
            badCookie[4] = 0;
            client.send(badCookie);
            assertTrue(client.silentFor(300));
            // One thread reads the socket in order: once Binding is answered, both were seen.
            assertTrue(client.call(Messages.binding().encode()).isSuccess());
            assertEquals(2, server.counters().malformedDatagrams());
        }
    }

    @Test
    void whatTheServerDropsIsCountedAndReadThroughIt() throws Exception {
        try (UdpTurnClient client = new UdpTurnClient(serverAddress)) {
            // ChannelData with no allocation behind it: dropped on the relay path.
            client.send(new byte[] {0x40, 0x01, 0, 4, 1, 2, 3, 4});
            // More unauthenticated requests than one source is answered at once (a burst of 20).
            for (int i = 0; i < 30; i++) {
                client.send(Messages.allocate().encode());
            }
            client.send(Messages.binding().encode());
            // One thread reads the socket in order: once Binding is answered, all were seen.
            int challenges = 0;
            for (Reply reply = Reply.of(client.receive()); !reply.isSuccess(); reply = Reply.of(client.receive())) {
                challenges++;
            }
            TurnCounters counters = server.counters();
            assertEquals(1, counters.droppedDatagrams());
            assertTrue(challenges < 30, "some challenges were withheld: " + challenges);
            assertEquals(30 - challenges, counters.unansweredChallenges());
            assertEquals(0, counters.malformedDatagrams());
        }
    }
}
