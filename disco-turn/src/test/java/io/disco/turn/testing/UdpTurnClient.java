package io.disco.turn.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** A tiny TURN client over a real UDP socket: sends what {@link Messages} builds, reads what comes back. */
public final class UdpTurnClient extends TurnTestClient {

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    /** From the loopback address of the server's family. */
    public UdpTurnClient(InetSocketAddress server) throws IOException {
        this(server, new InetSocketAddress(server.getAddress() instanceof Inet6Address ? "::1" : "127.0.0.1", 0));
    }

    /** From {@code local}, for a server that is not on loopback. */
    public UdpTurnClient(InetSocketAddress server, InetSocketAddress local) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(local);
        this.socket.setSoTimeout(TIMEOUT_MILLIS);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    /** The next datagram from the server. */
    @Override
    public byte[] receive() throws IOException {
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return Arrays.copyOf(buffer, packet.getLength());
    }

    @Override
    protected void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() {
        socket.close();
    }
}
