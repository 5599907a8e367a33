package io.disco.turn.stun;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes Data indications (RFC 5766 §10.3: XOR-PEER-ADDRESS, then DATA) around data already in
 * the relay path's buffer, so relaying to a client without a channel copies and allocates nothing.
 */
public final class DataIndication {

    private DataIndication() {
    }

    /** Header bytes in front of the data: STUN header, XOR-PEER-ADDRESS, DATA's attribute header. */
    public static int headerLength(InetSocketAddress peer) {
        return StunHeader.LENGTH + 4 + addressLength(peer) + 4;
    }

    /** The largest {@link #headerLength}, for an IPv6 peer. */
    public static int maxHeaderLength() {
        return StunHeader.LENGTH + 4 + 20 + 4;
    }

    /**
     * Writes the indication's header at {@code start}, in front of {@code dataLength} bytes of data
     * that follow it in {@code buffer}, and the padding after them (the buffer needs room for up
     * to three bytes past the data; its limit is lifted to its capacity).
     *
     * @return the index just past the indication
     */
    public static int writeAround(ByteBuffer buffer, int start, InetSocketAddress peer, int dataLength) {
        int addressLength = addressLength(peer);
        int padded = StunHeader.padded(dataLength);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        buffer.limit(buffer.capacity()).position(start);
        buffer.putShort((short) StunHeader.DATA_INDICATION);
        buffer.putShort((short) (4 + addressLength + 4 + padded));
        buffer.putInt(StunHeader.MAGIC_COOKIE);
        buffer.putInt(random.nextInt());
        buffer.putLong(random.nextLong());
        buffer.putShort((short) StunHeader.ATTR_XOR_PEER_ADDRESS);
        buffer.putShort((short) addressLength);
        XorAddress.encode(buffer, start, peer);
        buffer.putShort((short) StunHeader.ATTR_DATA);
        buffer.putShort((short) dataLength);
        int end = buffer.position() + padded;
        for (int i = buffer.position() + dataLength; i < end; i++) {
            buffer.put(i, (byte) 0);
        }
        return end;
    }

    private static int addressLength(InetSocketAddress peer) {
        return peer.getAddress() instanceof Inet4Address ? 8 : 20;
    }
}
