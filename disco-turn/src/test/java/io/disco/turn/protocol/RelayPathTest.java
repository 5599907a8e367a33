package io.disco.turn.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.testing.MutableClock;
import io.disco.turn.allocation.Bandwidth;
import io.disco.turn.allocation.Allocation;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.allocation.FakeRelay;
import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.allocation.Transport;
import io.disco.turn.stun.SendIndication;
import io.disco.turn.testing.Messages;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.DataAttribute;
import org.ice4j.attribute.XorPeerAddressAttribute;
import org.ice4j.message.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both directions of the relay path, over buffers, with the clock moved by hand. */
class RelayPathTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.10", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.1", 3478);
    private static final InetSocketAddress PEER = new InetSocketAddress("203.0.113.5", 7000);
    private static final InetSocketAddress PEER6 = new InetSocketAddress("2001:db8::5", 7000);
    private static final FiveTuple TUPLE = new FiveTuple(CLIENT, SERVER, Transport.UDP);
    private static final byte[] HELLO = "hello, peer".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final AllocationTable allocations = new AllocationTable(10, 10);
    private final RelayPath path = new RelayPath(allocations, clock);
    private final FakeRelay relay = new FakeRelay();
    private Allocation allocation;

    @BeforeEach
    void allocate() {
        allocations.reserve("test");
        allocation = new Allocation(TUPLE, "test", "test", relay, frame -> { }, SERVER, new byte[12],
                clock.millis(), clock.millis() + 600_000, Bandwidth.UNLIMITED);
        allocations.add(allocation);
    }

    private static ByteBuffer datagram(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocate(65535);
        buffer.put(bytes).flip();
        return buffer;
    }

    private static byte[] channelData(int channel, byte[] data) {
        return ByteBuffer.allocate(4 + data.length).putShort((short) channel).putShort((short) data.length)
                .put(data).array();
    }

    /** A peer's datagram as the relay receiver lays it out: after {@link RelayPath#HEADROOM}. */
    private static ByteBuffer fromPeer(byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(RelayPath.HEADROOM + 65535 + 3);
        buffer.position(RelayPath.HEADROOM);
        buffer.put(data);
        buffer.limit(buffer.position());
        return buffer;
    }

    private static byte[] remaining(ByteBuffer buffer) {
        return Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
    }

    @Test
    void channelDataGoesToTheBoundPeerOnly() {
        path.fromClientChannelData(TUPLE, datagram(channelData(0x4000, HELLO)));
        assertTrue(relay.sent.isEmpty(), "no channel bound yet");
        allocation.bind(0x4000, PEER, clock.millis());
        path.fromClientChannelData(TUPLE, datagram(channelData(0x4000, HELLO)));
        assertEquals(1, relay.sent.size());
        assertEquals(PEER, relay.sent.get(0).peer());
        assertArrayEquals(HELLO, relay.sent.get(0).payload());

        byte[] padded = Arrays.copyOf(channelData(0x4000, HELLO), 4 + HELLO.length + 1);
        path.fromClientChannelData(TUPLE, datagram(padded));
        assertArrayEquals(HELLO, relay.sent.get(1).payload(), "UDP padding is not data");

        byte[] truncated = Arrays.copyOf(channelData(0x4000, HELLO), 6);
        path.fromClientChannelData(TUPLE, datagram(truncated));
        path.fromClientChannelData(new FiveTuple(new InetSocketAddress("192.0.2.11", 1), SERVER, Transport.UDP),
                datagram(channelData(0x4000, HELLO)));
        assertEquals(2, relay.sent.size(), "cut short or from another 5-tuple: dropped");
        assertEquals(3, path.dropped());
    }

    @Test
    void anAllocationCarriesNoMoreThanItsBandwidthBothWaysTogether() {
        // 1,000 bytes per second, the bucket full at first: a 600-byte burst out, 400 back, then nothing.
        Allocation limited = new Allocation(TUPLE, "test", "test", relay, frame -> { }, SERVER, new byte[12],
                clock.millis(), clock.millis() + 600_000, new Bandwidth(1000));
        allocations.remove(allocation, clock.millis());
        allocations.add(limited);
        limited.bind(0x4000, PEER, clock.millis());
        byte[] data = new byte[200];
        for (int i = 0; i < 3; i++) {
            path.fromClientChannelData(TUPLE, datagram(channelData(0x4000, data)));
        }
        assertEquals(3, relay.sent.size());
        assertTrue(path.toClient(limited, PEER, fromPeer(data)));
        assertTrue(path.toClient(limited, PEER, fromPeer(data)));
        assertFalse(path.toClient(limited, PEER, fromPeer(data)), "the second's allowance is spent");
        path.fromClientChannelData(TUPLE, datagram(channelData(0x4000, data)));
        assertEquals(3, relay.sent.size(), "either way");
        assertEquals(2, path.dropped());

        clock.advance(Duration.ofMillis(200));   // 200 bytes more
        path.fromClientChannelData(TUPLE, datagram(channelData(0x4000, data)));
        assertEquals(4, relay.sent.size());
        clock.advance(Duration.ofSeconds(10));   // refills to one second's worth, no more
        for (int i = 0; i < 6; i++) {
            path.fromClientChannelData(TUPLE, datagram(channelData(0x4000, data)));
        }
        assertEquals(9, relay.sent.size());
    }

    @Test
    void sendIndicationNeedsAPermission() {
        SendIndication reader = new SendIndication();
        path.fromClientSend(TUPLE, datagram(Messages.send(PEER, HELLO)), reader);
        assertTrue(relay.sent.isEmpty());
        allocation.permit(PEER.getAddress(), clock.millis());
        path.fromClientSend(TUPLE, datagram(Messages.send(PEER, HELLO)), reader);
        path.fromClientSend(TUPLE, datagram(Messages.send(new InetSocketAddress("203.0.113.5", 7001), HELLO)), reader);
        assertEquals(2, relay.sent.size());
        assertEquals(PEER, relay.sent.get(0).peer());
        assertEquals(new InetSocketAddress("203.0.113.5", 7001), relay.sent.get(1).peer(), "any port of a permitted IP");
        assertArrayEquals(HELLO, relay.sent.get(0).payload());

        clock.advance(Duration.ofMinutes(5));
        path.fromClientSend(TUPLE, datagram(Messages.send(PEER, HELLO)), reader);
        assertEquals(2, relay.sent.size(), "the permission expired");
    }

    @Test
    void aSendIndicationWithAnUnknownComprehensionRequiredAttributeIsDropped() {
        SendIndication reader = new SendIndication();
        allocation.permit(PEER.getAddress(), clock.millis());
        path.fromClientSend(TUPLE, datagram(Messages.withRaw(Messages.send(PEER, HELLO), 0x0030, new byte[4])), reader);
        assertTrue(relay.sent.isEmpty(), "RFC 5389 §7.3.2: dropped");
        assertEquals(1, path.dropped());
        path.fromClientSend(TUPLE, datagram(Messages.withRaw(Messages.send(PEER, HELLO), 0xC057, new byte[4])), reader);
        path.fromClientSend(TUPLE, datagram(Messages.withRaw(Messages.send(PEER, HELLO), 0x000D, new byte[4])), reader);
        assertEquals(2, relay.sent.size(), "unknown optional and known-but-unexpected attributes are ignored");
    }

    @Test
    void sendIndicationReaderReusesThePeerOfTheLastOne() {
        SendIndication reader = new SendIndication();
        byte[] first = Messages.send(PEER6, HELLO);
        assertTrue(reader.read(first, first.length));
        InetSocketAddress peer = reader.peer();
        assertEquals(PEER6, peer);
        byte[] second = Messages.send(PEER6, HELLO);
        assertTrue(reader.read(second, second.length));
        assertTrue(peer == reader.peer(), "same peer, same object, although the transaction ID changed");
        byte[] other = Messages.send(PEER, HELLO);
        assertTrue(reader.read(other, other.length));
        assertEquals(PEER, reader.peer());
        assertFalse(reader.read(Arrays.copyOf(other, other.length - 4), other.length - 4));
    }

    @Test
    void peerDataBecomesADataIndicationWithoutAChannel() throws Exception {
        ByteBuffer buffer = fromPeer(HELLO);
        assertFalse(path.toClient(allocation, PEER, buffer), "no permission: dropped");
        allocation.permit(PEER.getAddress(), clock.millis());
        buffer = fromPeer(HELLO);
        assertTrue(path.toClient(allocation, PEER, buffer));
        byte[] frame = remaining(buffer);
        Message indication = Message.decode(frame, 0, frame.length);
        assertEquals(Message.DATA_INDICATION, indication.getMessageType());
        XorPeerAddressAttribute peer = (XorPeerAddressAttribute) indication.getAttribute(Attribute.XOR_PEER_ADDRESS);
        assertEquals(PEER.getPort(), peer.getAddress(indication.getTransactionID()).getPort());
        assertEquals(PEER.getAddress(), peer.getAddress(indication.getTransactionID()).getAddress());
        assertArrayEquals(HELLO, ((DataAttribute) indication.getAttribute(Attribute.DATA)).getData());
        assertEquals(0, frame.length % 4, "padded");
    }

    @Test
    void peerDataOverIpv6() throws Exception {
        allocation.permit(PEER6.getAddress(), clock.millis());
        ByteBuffer buffer = fromPeer(HELLO);
        assertTrue(path.toClient(allocation, PEER6, buffer));
        byte[] frame = remaining(buffer);
        Message indication = Message.decode(frame, 0, frame.length);
        XorPeerAddressAttribute peer = (XorPeerAddressAttribute) indication.getAttribute(Attribute.XOR_PEER_ADDRESS);
        assertEquals(PEER6.getAddress(), peer.getAddress(indication.getTransactionID()).getAddress());
    }

    @Test
    void peerDataBecomesChannelDataOnABoundChannel() {
        allocation.bind(0x4abc, PEER, clock.millis());
        ByteBuffer buffer = fromPeer(HELLO);
        assertTrue(path.toClient(allocation, PEER, buffer));
        assertArrayEquals(channelData(0x4abc, HELLO), remaining(buffer));

        clock.advance(Duration.ofMinutes(5));
        assertFalse(path.toClient(allocation, PEER, fromPeer(HELLO)), "permission expired, channel or not");
    }
}
