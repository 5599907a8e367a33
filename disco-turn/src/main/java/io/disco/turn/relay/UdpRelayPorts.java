package io.disco.turn.relay;

import io.disco.turn.allocation.RelayEndpoint;
import io.disco.turn.allocation.RelayPorts;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens relay sockets on {@code --relay-bind}, on a port of {@code --min-port..--max-port}: a
 * random port first (so relayed addresses are not guessable in sequence), then the following
 * ones (even ones only for EVEN-PORT), a bounded number of tries.
 */
public final class UdpRelayPorts implements RelayPorts {

    private static final int MAX_TRIES = 64;
    private static final InetAddress IPV4_ANY = literal(new byte[4]);
    private static final InetAddress IPV6_ANY = literal(new byte[16]);

    private final InetAddress bind;
    private final int minPort;
    private final int maxPort;
    private final List<UdpLoop> loops;
    private final AtomicInteger nextLoop = new AtomicInteger();

    /** Relay sockets are spread over {@code loops} in turn, one thread reading each share. */
    public UdpRelayPorts(InetAddress bind, int minPort, int maxPort, List<UdpLoop> loops) {
        this.bind = bind;
        this.minPort = minPort;
        this.maxPort = maxPort;
        this.loops = List.copyOf(loops);
    }

    /**
     * Relays bind {@code --relay-bind}; left at a wildcard they bind the wildcard of the family asked
     * for, so IPv6 relays are offered wherever the host has IPv6 (RFC 6156).
     */
    @Override
    public boolean serves(boolean ipv6) {
        return bind.isAnyLocalAddress() || (bind instanceof Inet6Address) == ipv6;
    }

    @Override
    public RelayEndpoint open(boolean ipv6, boolean evenPort) {
        int step = evenPort ? 2 : 1;
        int first = evenPort ? minPort + (minPort & 1) : minPort;
        int candidates = (maxPort - first) / step + 1;
        if (candidates <= 0) {
            return null;
        }
        int start = ThreadLocalRandom.current().nextInt(candidates);
        for (int i = 0; i < Math.min(candidates, MAX_TRIES); i++) {
            RelayEndpoint endpoint = openAt(ipv6, first + ((start + i) % candidates) * step);
            if (endpoint != null) {
                return endpoint;
            }
        }
        return null;
    }

    @Override
    public RelayEndpoint openAt(boolean ipv6, int port) {
        if (port < minPort || port > maxPort || !serves(ipv6)) {
            return null;
        }
        InetAddress address = !bind.isAnyLocalAddress() ? bind : ipv6 ? IPV6_ANY : IPV4_ANY;
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            channel.configureBlocking(false);
            SocketBuffers.size(channel, SocketBuffers.RELAY_SOCKET);
            channel.bind(new InetSocketAddress(address, port));
            UdpLoop loop = loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
            return new UdpRelayEndpoint(channel, (InetSocketAddress) channel.getLocalAddress(), loop);
        } catch (IOException e) {
            closeQuietly(channel);
            return null;
        }
    }

    private static InetAddress literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }
}
