package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.testing.MutableClock;
import io.disco.common.testing.TestTls;
import io.disco.turn.allocation.Bandwidth;
import io.disco.turn.auth.LongTermKey;
import io.disco.turn.testing.EchoPeer;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.ReceivedDataIndication;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.StreamTurnClient;
import io.disco.turn.testing.UnknownAttributeChecks;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TURN over real loopback TCP and TLS connections (RFC 5766 §2.1), relaying to a real UDP echo peer. */
class TurnOverTcpAndTlsTest {

    private static final String REALM = TestConfigs.REALM;
    private static final byte[] KEY = LongTermKey.of("test", REALM, "test");
    private static final int CHANNEL = 0x4001;

    private TurnServer server;
    private InetSocketAddress tcpAddress;
    private InetSocketAddress tlsAddress;
    private EchoPeer echo;

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

    @BeforeEach
    void start() throws Exception {
        server = new TurnServer(TestConfigs.onFreePorts(TestTls.identity()), new TurnContext(clock));
        server.start();
        tcpAddress = new InetSocketAddress("127.0.0.1", server.port());
        tlsAddress = new InetSocketAddress("127.0.0.1", server.tlsPort());
        echo = new EchoPeer();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        echo.close();
    }

    private static Messages signed(Messages request, String nonce) {
        return request.credentials("test", REALM, nonce, "test").fingerprint();
    }

    /** A ChannelData frame as a stream carries it: padded to a multiple of four bytes. */
    private static byte[] channelData(byte[] data) {
        ByteBuffer frame = ByteBuffer.allocate((4 + data.length + 3) & ~3);
        return frame.putShort((short) CHANNEL).putShort((short) data.length).put(data).array();
    }

    /** 401, then an authenticated Allocate; returns the nonce. */
    private String allocate(StreamTurnClient client) throws Exception {
        Reply challenge = client.call(Messages.allocate().encode());
        assertEquals(401, challenge.code());
        String nonce = challenge.nonce();
        assertNotNull(nonce);
        Reply allocated = client.call(signed(Messages.allocate(), nonce).encode());
        assertTrue(allocated.isSuccess(), () -> "code " + allocated.code());
        assertTrue(allocated.signedWith(KEY));
        assertEquals(client.localAddress(), allocated.mapped());
        assertEquals(InetAddress.getByName("127.0.0.1"), allocated.relayed().getAddress());
        return nonce;
    }

    /** CreatePermission, a Send indication to the echo peer and the Data indication it sends back. */
    private void sendAndReceiveIndications(StreamTurnClient client, String nonce) throws Exception {
        InetSocketAddress peer = echo.address();
        assertTrue(client.call(signed(Messages.createPermission(peer), nonce).encode()).isSuccess());
        byte[] ping = "ping over a Send indication".getBytes(StandardCharsets.UTF_8);
        client.send(Messages.send(peer, ping));
        assertNotNull(echo.nextSource(), "the peer hears the client");
        ReceivedDataIndication data = ReceivedDataIndication.decode(client.receive());
        assertArrayEquals(ping, data.data());
        assertEquals(peer, data.peer());
    }

    /** ChannelBind and an odd-length payload both ways, padded on the stream. */
    private void relayChannelData(StreamTurnClient client, String nonce) throws Exception {
        assertTrue(client.call(signed(Messages.channelBind(CHANNEL, echo.address()), nonce).encode()).isSuccess());
        byte[] odd = "thirteen byte".getBytes(StandardCharsets.UTF_8);
        byte[] other = "five!".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(channelData(odd));
        both.writeBytes(channelData(other));
        client.send(both.toByteArray());
        for (byte[] expected : List.of(odd, other)) {
            byte[] frame = client.receive();
            ByteBuffer header = ByteBuffer.wrap(frame);
            assertEquals(CHANNEL, header.getShort() & 0xFFFF);
            assertEquals(expected.length, header.getShort());
            assertEquals((4 + expected.length + 3) & ~3, frame.length, "padded to a multiple of four");
            assertArrayEquals(expected, Arrays.copyOfRange(frame, 4, 4 + expected.length));
            assertTrue(Arrays.equals(new byte[frame.length - 4 - expected.length],
                    Arrays.copyOfRange(frame, 4 + expected.length, frame.length)), "zero padding");
        }
    }

    @Test
    void allocatesAndRelaysOverTcp() throws Exception {
        try (StreamTurnClient client = StreamTurnClient.tcp(tcpAddress)) {
            String nonce = allocate(client);
            sendAndReceiveIndications(client, nonce);
            relayChannelData(client, nonce);
            assertEquals(1, server.allocations().size());
        }
    }

    @Test
    void allocatesAndRelaysOverTls() throws Exception {
        try (StreamTurnClient client = StreamTurnClient.tls(tlsAddress)) {
            String nonce = allocate(client);
            sendAndReceiveIndications(client, nonce);
            relayChannelData(client, nonce);
            assertEquals(1, server.allocations().size());
        }
        awaitNoAllocations();
    }

    @Test
    void unknownComprehensionRequiredAttributesGet420OverTcpAndTls() throws Exception {
        try (StreamTurnClient tcp = StreamTurnClient.tcp(tcpAddress);
             StreamTurnClient tls = StreamTurnClient.tls(tlsAddress)) {
            UnknownAttributeChecks.answeredWith420(tcp, REALM);
            UnknownAttributeChecks.answeredWith420(tls, REALM);
            assertEquals(0, server.allocations().size());
        }
    }

    @Test
    void tls12RenegotiationIsRefused() throws Exception {
        try (StreamTurnClient client = StreamTurnClient.tls(tlsAddress, "TLSv1.2")) {
            assertEquals("TLSv1.2", client.tlsProtocol());
            allocate(client);
            client.renegotiate();
            assertTrue(client.closedByServer());
        }
        awaitNoAllocations();
    }

    @Test
    void readsSeveralMessagesInOneSegmentAndOneSplitAcrossSegments() throws Exception {
        try (StreamTurnClient client = StreamTurnClient.tcp(tcpAddress)) {
            Messages first = Messages.binding();
            Messages second = Messages.binding();
            Messages third = Messages.allocate();
            ByteArrayOutputStream segment = new ByteArrayOutputStream();
            segment.writeBytes(first.encode());
            segment.writeBytes(second.encode());
            segment.writeBytes(third.encode());
            client.send(segment.toByteArray());
            for (Messages sent : List.of(first, second, third)) {
                Reply reply = Reply.of(client.receive());
                assertArrayEquals(sent.transactionId(), reply.message().getTransactionID());
            }

            Messages split = Messages.binding();
            byte[] bytes = split.encode();
            client.send(Arrays.copyOf(bytes, 7));
            assertTrue(client.silentFor(200), "half a message is not answered");
            client.send(Arrays.copyOfRange(bytes, 7, bytes.length));
            Reply reply = Reply.of(client.receive());
            assertTrue(reply.isSuccess());
            assertArrayEquals(split.transactionId(), reply.message().getTransactionID());
            assertEquals(client.localAddress(), reply.mapped());
        }
    }

    @Test
    void closingTheConnectionFreesTheAllocation() throws Exception {
        try (StreamTurnClient client = StreamTurnClient.tcp(tcpAddress)) {
            allocate(client);
            assertEquals(1, server.allocations().size());
        }
        awaitNoAllocations();
    }

    @Test
    void aMalformedMessageIsDroppedAndCountedAndTheStreamGoesOn() throws Exception {
        try (StreamTurnClient client = StreamTurnClient.tcp(tcpAddress)) {
            byte[] badCookie = Messages.binding().encode();
            badCookie[4] = 0;
            client.send(badCookie);
            // One thread reads the connection in order: once Binding is answered, the first was seen.
            Messages binding = Messages.binding();
            Reply reply = client.call(binding.encode());
            assertArrayEquals(binding.transactionId(), reply.message().getTransactionID(), "only this one answered");
            assertEquals(1, server.counters().malformedStreamMessages());
        }
    }

    @Test
    void aClientThatKeepsFailingAuthenticationIsDisconnected() throws Exception {
        try (StreamTurnClient client = StreamTurnClient.tcp(tcpAddress)) {
            String nonce = client.call(Messages.allocate().encode()).nonce();
            for (int challenges = 2; challenges <= 10; challenges++) {
                Messages wrong = Messages.allocate().credentials("test", REALM, nonce, "wrong").fingerprint();
                assertEquals(401, client.call(wrong.encode()).code(), "challenge " + challenges);
            }
            client.send(Messages.allocate().credentials("test", REALM, nonce, "wrong").fingerprint().encode());
            assertEquals(401, Reply.of(client.receive()).code(), "the eleventh is answered, then the connection ends");
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void challengesCountOnlyInARow() throws Exception {
        try (StreamTurnClient client = StreamTurnClient.tcp(tcpAddress)) {
            for (int challenges = 1; challenges <= 30; challenges++) {
                assertEquals(401, client.call(Messages.allocate().encode()).code());
                if (challenges % 10 == 0) {
                    assertTrue(client.call(Messages.binding().encode()).isSuccess());
                }
            }
        }
    }

    @Test
    void aConnectionThatNeverAllocatesIsClosedAfterAMinute() throws Exception {
        try (StreamTurnClient idle = StreamTurnClient.tcp(tcpAddress);
             StreamTurnClient allocated = StreamTurnClient.tcp(tcpAddress)) {
            allocate(allocated);
            assertTrue(idle.call(Messages.binding().encode()).isSuccess());
            clock.advance(Duration.ofSeconds(59));
            assertTrue(idle.silentFor(1500), "open under a minute");
            clock.advance(Duration.ofSeconds(1));
            assertTrue(idle.closedByServer());
            assertTrue(allocated.call(Messages.binding().encode()).isSuccess(), "the allocation keeps its connection");
            assertEquals(1, server.streamConnections());
        }
    }

    @Test
    void aStreamThatIsNeitherStunNorChannelDataIsClosed() throws Exception {
        try (StreamTurnClient client = StreamTurnClient.tcp(tcpAddress)) {
            // A TLS ClientHello's record header on the plain port: STUN's first bits, but a length
            // that is no whole number of words.
            client.send(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03, 0x00});
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void aClientThatDoesNotReadIsDisconnected() throws Exception {
        try (StreamTurnClient client = StreamTurnClient.tcp(tcpAddress);
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            String nonce = allocate(client);
            InetSocketAddress relayed = server.allocations().all().iterator().next().relayedAddress();
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            assertTrue(client.call(signed(Messages.createPermission(peerAddress), nonce).encode()).isSuccess());
            // The client reads nothing more: the socket buffers fill, then the server's bounded queue.
            byte[] datagram = new byte[1200];
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (server.allocations().size() > 0 && System.nanoTime() < deadline) {
                peer.send(new DatagramPacket(datagram, datagram.length, relayed));
            }
            assertEquals(0, server.allocations().size(), "the lagging client's connection and allocation are gone");
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void connectionsPastTheAllocationQuotaAreRefused() throws Exception {
        TurnServer small = new TurnServer(TestConfigs.onFreePorts(null,
                new TurnConfig.Limits(2, 2, Duration.ofHours(1), Bandwidth.UNLIMITED)), new TurnContext(clock));
        small.start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", small.port());
        try (StreamTurnClient first = StreamTurnClient.tcp(address);
             StreamTurnClient second = StreamTurnClient.tcp(address)) {
            // Answered: both are served before the third knocks.
            assertTrue(first.call(Messages.binding().encode()).isSuccess());
            assertTrue(second.call(Messages.binding().encode()).isSuccess());
            try (StreamTurnClient third = StreamTurnClient.tcp(address)) {
                assertTrue(third.closedByServer(), "a third connection to a server of two allocations");
                assertEquals(1, small.counters().refusedConnections());
            }
            second.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (small.streamConnections() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            try (StreamTurnClient again = StreamTurnClient.tcp(address)) {
                assertTrue(again.call(Messages.binding().encode()).isSuccess(), "room again once one closed");
            }
        } finally {
            small.stop();
        }
    }

    @Test
    void tlsIsOffWithoutACertificate() throws Exception {
        TurnServer plain = new TurnServer(TestConfigs.onFreePorts(null), new TurnContext(Clock.systemUTC()));
        plain.start();
        try {
            assertEquals(-1, plain.tlsPort());
            assertFalse(plain.describe().contains("tls/"));
        } finally {
            plain.stop();
        }
    }

    /** The server notices a closed connection on its own thread, a moment later. */
    private void awaitNoAllocations() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.allocations().size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.allocations().size());
    }
}
