package io.disco.turn;

import io.disco.ops.Drainable;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.protocol.RequestHandler;

/**
 * The TURN server taken out of its fleet: new allocations are turned away (to
 * {@code --alternate-server}, if given), while those it holds relay, refresh, and get permissions
 * and channels until their clients let them go or they expire.
 */
final class TurnDrain implements Drainable {

    private final RequestHandler requests;
    private final AllocationTable allocations;
    private final TurnConfig.Draining draining;

    TurnDrain(RequestHandler requests, AllocationTable allocations, TurnConfig.Draining draining) {
        this.requests = requests;
        this.allocations = allocations;
        this.draining = draining;
    }

    @Override
    public String holds() {
        return "allocations";
    }

    @Override
    public void drain() {
        requests.drain(draining.alternateServer());
    }

    @Override
    public long remaining() {
        return allocations.size();
    }
}
