package io.disco.turn.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A tiny TURN client over a real UDP socket: sends what {@link Messages} builds, reads what comes back. */
public final class UdpTurnClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    public UdpTurnClient(InetSocketAddress server) throws IOException {
        this.server = server;
        // From the loopback address of the server's family.
        this.socket = new DatagramSocket(new InetSocketAddress(
                server.getAddress() instanceof Inet6Address ? "::1" : "127.0.0.1", 0));
        this.socket.setSoTimeout(5000);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    /** The next datagram from the server. */
    public byte[] receive() throws IOException {
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return Arrays.copyOf(buffer, packet.getLength());
    }

    /** Sends a request and reads the response (the tests run one transaction at a time). */
    public Reply call(byte[] request) throws IOException {
        send(request);
        return Reply.of(receive());
    }

    /** Whether nothing arrives within {@code millis}. */
    public boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            receive();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
