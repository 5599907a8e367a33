package io.disco.turn.allocation;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A relay endpoint without a socket: records what would have gone to peers. */
public final class FakeRelay implements RelayEndpoint {

    public record Sent(InetSocketAddress peer, byte[] payload) {
    }

    public final List<Sent> sent = new ArrayList<>();
    public final InetSocketAddress bound;
    public Allocation owner;
    public boolean closed;

    public FakeRelay() {
        this(new InetSocketAddress("0.0.0.0", 50000));
    }

    public FakeRelay(InetSocketAddress bound) {
        this.bound = bound;
    }

    @Override
    public InetSocketAddress boundAddress() {
        return bound;
    }

    @Override
    public void sendToPeer(ByteBuffer payload, InetSocketAddress peer) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        sent.add(new Sent(peer, bytes));
    }

    @Override
    public void activate(Allocation owner) {
        this.owner = owner;
    }

    @Override
    public void close() {
        closed = true;
    }
}
