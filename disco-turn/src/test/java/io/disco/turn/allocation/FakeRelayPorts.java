package io.disco.turn.allocation;

import java.net.InetAddress;
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

    @Override
    public RelayEndpoint open(InetAddress serverAddress, boolean evenPort) {
        while (taken.contains(next) || (evenPort && next % 2 != 0)) {
            next++;
        }
        return openAt(serverAddress, next++);
    }

    @Override
    public RelayEndpoint openAt(InetAddress serverAddress, int port) {
        if (free <= 0 || !taken.add(port)) {
            return null;
        }
        free--;
        FakeRelay relay = new FakeRelay(new InetSocketAddress("0.0.0.0", port));
        opened.add(relay);
        return relay;
    }
}
