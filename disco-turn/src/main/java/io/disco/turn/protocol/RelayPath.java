package io.disco.turn.protocol;

import io.disco.turn.allocation.Allocation;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.allocation.ChannelBinding;
import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.stun.ChannelDataFrame;
import io.disco.turn.stun.DataIndication;
import io.disco.turn.stun.SendIndication;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;

/**
 * The relay's hot path, both ways: Send indications and ChannelData from clients to peers, and
 * peers' datagrams back to clients as ChannelData (when a channel is bound) or Data indications.
 *
 * <p>It works in the caller's buffers: a datagram from a peer is received far enough into its
 * buffer that the ChannelData or Data indication header is written in front of it, so nothing is
 * copied and nothing allocated per packet. What is relayed is counted on its allocation
 * ({@link io.disco.turn.allocation.RelayedTraffic}); what cannot be is dropped and counted, never
 * logged.
 */
public final class RelayPath {

    /** Room to leave in front of a peer's datagram for the largest header (IPv6 Data indication). */
    public static final int HEADROOM = DataIndication.maxHeaderLength();

    private final AllocationTable allocations;
    private final Clock clock;
    private final LongAdder dropped = new LongAdder();

    public RelayPath(AllocationTable allocations, Clock clock) {
        this.allocations = allocations;
        this.clock = clock;
    }

    /**
     * Relays the ChannelData frame in {@code datagram} (the frame from index 0 to the limit; a
     * direct buffer spares the socket a copy) from the client of {@code fiveTuple} to the
     * channel's peer.
     */
    public void fromClientChannelData(FiveTuple fiveTuple, ByteBuffer datagram) {
        int dataLength = ChannelDataFrame.dataLength(datagram);
        long now = clock.millis();
        Allocation allocation = dataLength < 0 ? null : allocations.get(fiveTuple, now);
        ChannelBinding channel = allocation == null ? null : allocation.channel(ChannelDataFrame.channel(datagram), now);
        if (channel == null || !allocation.permits(channel.peer().getAddress(), now)
                || !allocation.withinBandwidth(dataLength, now)) {
            dropped.increment();
            return;
        }
        datagram.limit(ChannelDataFrame.HEADER_LENGTH + dataLength).position(ChannelDataFrame.HEADER_LENGTH);
        allocation.traffic().toPeer(dataLength);
        allocation.relay().sendToPeer(datagram, channel.peer());
    }

    /**
     * Relays the data of the Send indication in {@code datagram} (array-backed, from index 0 to the
     * limit) to its peer, when the allocation
     * of {@code fiveTuple} has a permission for it; {@code reader} is the calling thread's own.
     */
    public void fromClientSend(FiveTuple fiveTuple, ByteBuffer datagram, SendIndication reader) {
        long now = clock.millis();
        if (!reader.read(datagram.array(), datagram.limit())) {
            dropped.increment();
            return;
        }
        Allocation allocation = allocations.get(fiveTuple, now);
        InetSocketAddress peer = reader.peer();
        if (allocation == null || !allocation.permits(peer.getAddress(), now)
                || !allocation.withinBandwidth(reader.dataLength(), now)) {
            dropped.increment();
            return;
        }
        datagram.limit(reader.dataOffset() + reader.dataLength()).position(reader.dataOffset());
        allocation.traffic().toPeer(reader.dataLength());
        allocation.relay().sendToPeer(datagram, peer);
    }

    /**
     * Frames a datagram {@code peer} sent to {@code allocation}'s relay for the client: the data is
     * in {@code buffer} from {@link #HEADROOM} to its limit. On return the buffer's position and
     * limit enclose the frame to send.
     *
     * @return false when the peer has no permission (the datagram is dropped)
     */
    public boolean toClient(Allocation allocation, InetSocketAddress peer, ByteBuffer buffer) {
        long now = clock.millis();
        int dataLength = buffer.limit() - HEADROOM;
        if (!allocation.activeAt(now) || !allocation.permits(peer.getAddress(), now)
                || !allocation.withinBandwidth(dataLength, now)) {
            dropped.increment();
            return false;
        }
        ChannelBinding channel = allocation.channelTo(peer, now);
        int start;
        int end;
        if (channel != null) {
            start = HEADROOM - ChannelDataFrame.HEADER_LENGTH;
            end = buffer.limit();
            buffer.position(start);
            ChannelDataFrame.writeHeader(buffer, channel.number(), dataLength);
        } else {
            start = HEADROOM - DataIndication.headerLength(peer);
            end = DataIndication.writeAround(buffer, start, peer, dataLength);
        }
        buffer.limit(end).position(start);
        allocation.traffic().toClient(dataLength);
        return true;
    }

    /** Datagrams dropped: no allocation, no permission, no channel, over the bandwidth, or malformed. */
    public long dropped() {
        return dropped.sum();
    }
}
