package io.disco.turn.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port for a TURN server to listen on, known before it starts: a relay of a fleet announces
 * its URL, port and all, from its flags.
 */
public final class ListeningPort {

    private ListeningPort() {
    }

    /** A port free on loopback for UDP and TCP both, as the server listens on both. */
    public static int freeForUdpAndTcp() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
    }
}
