package io.disco.turn.relay;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Kernel buffer sizes of the UDP sockets. The kernel charges each queued datagram its whole
 * buffer (about 1 KiB for a 100-byte packet), so Linux's default of 208 KiB holds only some 230
 * datagrams: at 10,000 packets/s a server socket overflowed on a 25 ms pause of its reading thread
 * (a collection, a busy core), and packets were lost. The kernel caps what is asked at
 * net.core.rmem_max / wmem_max; memory is used only while datagrams wait.
 */
final class SocketBuffers {

    /** The server's sockets carry every client's traffic. */
    static final int SERVER_SOCKET = 4 << 20;
    /** A relay socket carries one allocation's. */
    static final int RELAY_SOCKET = 1 << 20;

    private SocketBuffers() {
    }

    static void size(DatagramChannel channel, int bytes) throws IOException {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, bytes);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, bytes);
    }
}
