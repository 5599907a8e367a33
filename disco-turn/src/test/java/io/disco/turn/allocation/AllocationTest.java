package io.disco.turn.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AllocationTest {

    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 5000);
    static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.1", 3478);
    private static final InetSocketAddress PEER = new InetSocketAddress("203.0.113.5", 6000);
    private static final InetSocketAddress OTHER_PEER = new InetSocketAddress("203.0.113.6", 6000);
    private static final long MINUTE = 60_000;

    static Allocation allocation(FiveTuple fiveTuple, String user, long expiresAt) {
        return new Allocation(fiveTuple, user, user, new FakeRelay(), frame -> { }, SERVER, new byte[12], 0, expiresAt,
                Bandwidth.UNLIMITED);
    }

    private final Allocation allocation =
            allocation(new FiveTuple(CLIENT, SERVER, Transport.UDP), "alice", 10 * MINUTE);

    @Test
    void lifetime() {
        assertTrue(allocation.activeAt(10 * MINUTE - 1));
        assertFalse(allocation.activeAt(10 * MINUTE));
        allocation.refresh(Duration.ofMinutes(10), 5 * MINUTE);
        assertTrue(allocation.activeAt(15 * MINUTE - 1));
        assertFalse(allocation.activeAt(15 * MINUTE));
    }

    @Test
    void permissionsLastFiveMinutesPerIpAnyPort() {
        assertFalse(allocation.permits(PEER.getAddress(), 0));
        allocation.permit(PEER.getAddress(), 0);
        assertTrue(allocation.permits(PEER.getAddress(), 5 * MINUTE - 1));
        assertTrue(allocation.permits(new InetSocketAddress("203.0.113.5", 1).getAddress(), 0));
        assertFalse(allocation.permits(OTHER_PEER.getAddress(), 0));
        assertFalse(allocation.permits(PEER.getAddress(), 5 * MINUTE));
        allocation.permit(PEER.getAddress(), 4 * MINUTE);
        assertTrue(allocation.permits(PEER.getAddress(), 9 * MINUTE - 1));
    }

    @Test
    void channelBindingRules() {
        assertEquals(Allocation.BindResult.BOUND, allocation.bind(0x4000, PEER, 0));
        assertTrue(allocation.permits(PEER.getAddress(), 0), "ChannelBind installs a permission");
        assertSame(allocation.channel(0x4000, 0), allocation.channelTo(PEER, 0));
        assertEquals(Allocation.BindResult.BOUND, allocation.bind(0x4000, PEER, MINUTE), "refresh");
        assertEquals(Allocation.BindResult.NUMBER_TAKEN, allocation.bind(0x4000, OTHER_PEER, MINUTE));
        assertEquals(Allocation.BindResult.PEER_TAKEN, allocation.bind(0x4001, PEER, MINUTE));
        assertEquals(Allocation.BindResult.BOUND, allocation.bind(0x4001, OTHER_PEER, MINUTE));
        assertNull(allocation.channel(0x4002, MINUTE));
    }

    @Test
    void channelExpiresAfterTenMinutesThenCoolsDownFiveMore() {
        allocation.bind(0x4000, PEER, 0);
        assertNotNull(allocation.channel(0x4000, 10 * MINUTE - 1));
        assertNull(allocation.channel(0x4000, 10 * MINUTE));
        assertNull(allocation.channelTo(PEER, 10 * MINUTE));
        allocation.sweep(10 * MINUTE);
        assertEquals(Allocation.BindResult.NUMBER_TAKEN, allocation.bind(0x4000, OTHER_PEER, 10 * MINUTE),
                "the number stays its peer's for five minutes after expiry");
        assertEquals(Allocation.BindResult.BOUND, allocation.bind(0x4001, PEER, 10 * MINUTE),
                "the peer itself may take another number");
        allocation.sweep(15 * MINUTE);
        assertEquals(Allocation.BindResult.BOUND, allocation.bind(0x4000, OTHER_PEER, 15 * MINUTE));
    }

    @Test
    void validChannelNumbers() {
        assertFalse(ChannelBinding.validNumber(0x3FFF));
        assertTrue(ChannelBinding.validNumber(0x4000));
        assertTrue(ChannelBinding.validNumber(0x7FFF));
        assertFalse(ChannelBinding.validNumber(0x8000));
    }

    @Test
    void lifetimes() {
        Lifetimes lifetimes = Lifetimes.withMaximum(Duration.ofHours(1));
        assertEquals(Duration.ofMinutes(10), lifetimes.grant(null));
        assertEquals(Duration.ofMinutes(10), lifetimes.grant(30L));
        assertEquals(Duration.ofMinutes(20), lifetimes.grant(1200L));
        assertEquals(Duration.ofHours(1), lifetimes.grant(86_400L));
        assertEquals(Duration.ofMinutes(2), Lifetimes.withMaximum(Duration.ofMinutes(2)).grant(3600L));
    }
}
