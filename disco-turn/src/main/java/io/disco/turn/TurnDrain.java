package io.disco.turn;

import io.disco.ops.Drainable;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.protocol.RequestHandler;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The TURN server taken out of its fleet: new allocations are turned away (to
 * {@code --alternate-server} if given, else to a live server of its {@code --cluster}, which it
 * tells at once that it drains), while those it holds relay, refresh, and get permissions and
 * channels until their clients let them go or they expire.
 */
final class TurnDrain implements Drainable {

    private final RequestHandler requests;
    private final AllocationTable allocations;
    private final TurnConfig.Draining draining;
    private final Supplier<Optional<InetSocketAddress>> fleetAlternate;
    private final Runnable announce;

    /**
     * @param fleetAlternate a live server of the fleet taking allocations, at the moment it is asked
     * @param announce       tells the fleet at once
     */
    TurnDrain(RequestHandler requests, AllocationTable allocations, TurnConfig.Draining draining,
            Supplier<Optional<InetSocketAddress>> fleetAlternate, Runnable announce) {
        this.requests = requests;
        this.allocations = allocations;
        this.draining = draining;
        this.fleetAlternate = fleetAlternate;
        this.announce = announce;
    }

    @Override
    public String holds() {
        return "allocations";
    }

    @Override
    public void drain() {
        Optional<InetSocketAddress> alternate = draining.alternateServer();
        requests.drain(alternate.isPresent() ? () -> alternate : fleetAlternate);
        announce.run();
    }

    @Override
    public long remaining() {
        return allocations.size();
    }
}
