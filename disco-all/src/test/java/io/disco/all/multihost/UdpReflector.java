package io.disco.all.multihost;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The peer host of deploy/multi-host/multi-host.sh: answers every UDP datagram with the address
 * it came from, so a client behind the relay learns which address the relay sends from. Runs
 * until it is killed.
 */
public final class UdpReflector {

    private UdpReflector() {
    }

    /** {@code java UdpReflector ADDRESS PORT} */
    public static void main(String[] args) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        try (DatagramSocket socket = new DatagramSocket(address)) {
            System.out.println("Reflecting on " + describe(address));
            byte[] buffer = new byte[65535];
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                String source = describe((InetSocketAddress) packet.getSocketAddress());
                byte[] answer = source.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            }
        }
    }

    /** {@code ADDRESS:PORT}, without a host name. */
    static String describe(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
