package io.disco.turn.allocation;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Relay ports without sockets: numbered from 50000, as many as {@link #free} allows. */
public final class FakeRelayPorts implements RelayPorts {

    public final List<FakeRelay> opened = new ArrayList<>();
    public final Set<Integer> taken = new HashSet<>();
    public int free = 100;
    private int next = 50000;

    /** Whether IPv6 relays are offered, as with an IPv6 or wildcard --relay-bind. */
    public boolean ipv6 = true;

    /** Runs as an Allocate opens its relay: after authentication, before the allocation is added. */
    public Runnable whileOpening = () -> { };

    @Override
    public boolean serves(boolean ipv6) {
        return !ipv6 || this.ipv6;
    }

    @Override
    public RelayEndpoint open(boolean ipv6, boolean evenPort) {
        whileOpening.run();
        while (taken.contains(next) || (evenPort && next % 2 != 0)) {
            next++;
        }
        return openAt(ipv6, next++);
    }

    @Override
    public RelayEndpoint openAt(boolean ipv6, int port) {
        if (free <= 0 || !taken.add(port)) {
            return null;
        }
        free--;
        FakeRelay relay = new FakeRelay(new InetSocketAddress(ipv6 ? "::" : "0.0.0.0", port));
        opened.add(relay);
        return relay;
    }
}
