package io.disco.turn.allocation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one allocation relayed, each way: packets and bytes of data (the payload, without the
 * ChannelData or indication around it).
 *
 * <p>Counted on the relay path, so as cheaply as counting goes: each direction has one writer,
 * the thread that reads its side (the client's socket or connection one way, the relay socket's
 * loop the other), which adds to its own fields without a lock or an atomic instruction, and
 * publishes them with opaque stores that any thread may read at any time.
 */
public final class RelayedTraffic {

    private static final VarHandle PACKETS_TO_PEER;
    private static final VarHandle BYTES_TO_PEER;
    private static final VarHandle PACKETS_TO_CLIENT;
    private static final VarHandle BYTES_TO_CLIENT;

    static {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            PACKETS_TO_PEER = lookup.findVarHandle(RelayedTraffic.class, "packetsToPeer", long.class);
            BYTES_TO_PEER = lookup.findVarHandle(RelayedTraffic.class, "bytesToPeer", long.class);
            PACKETS_TO_CLIENT = lookup.findVarHandle(RelayedTraffic.class, "packetsToClient", long.class);
            BYTES_TO_CLIENT = lookup.findVarHandle(RelayedTraffic.class, "bytesToClient", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long packetsToPeer;
    private long bytesToPeer;
    private long packetsToClient;
    private long bytesToClient;

    /** One packet of {@code bytes} sent on to a peer; only from the thread reading the client. */
    public void toPeer(int bytes) {
        PACKETS_TO_PEER.setOpaque(this, packetsToPeer + 1);
        BYTES_TO_PEER.setOpaque(this, bytesToPeer + bytes);
    }

    /** One packet of {@code bytes} sent on to the client; only from the thread reading the relay socket. */
    public void toClient(int bytes) {
        PACKETS_TO_CLIENT.setOpaque(this, packetsToClient + 1);
        BYTES_TO_CLIENT.setOpaque(this, bytesToClient + bytes);
    }

    public long packetsToPeer() {
        return (long) PACKETS_TO_PEER.getOpaque(this);
    }

    public long bytesToPeer() {
        return (long) BYTES_TO_PEER.getOpaque(this);
    }

    public long packetsToClient() {
        return (long) PACKETS_TO_CLIENT.getOpaque(this);
    }

    public long bytesToClient() {
        return (long) BYTES_TO_CLIENT.getOpaque(this);
    }

    /** Adds what {@code other} has counted so far to this count; for sums that one thread owns. */
    void add(RelayedTraffic other) {
        packetsToPeer += other.packetsToPeer();
        bytesToPeer += other.bytesToPeer();
        packetsToClient += other.packetsToClient();
        bytesToClient += other.bytesToClient();
    }
}
