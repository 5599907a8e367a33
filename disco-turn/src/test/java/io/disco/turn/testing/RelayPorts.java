package io.disco.turn.testing;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;

/** What tests see of relay ports from outside the server. */
public final class RelayPorts {

    private RelayPorts() {
    }

    /**
     * Whether UDP {@code port} can be bound on every address within {@code wait}: bound without
     * SO_REUSEADDR, only a closed relay socket leaves it free. The relay loop releases a closed
     * socket on its own thread, hence the wait.
     */
    public static boolean freedWithin(int port, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        do {
            try {
                new DatagramSocket(new InetSocketAddress("0.0.0.0", port)).close();
                return true;
            } catch (SocketException e) {
                Thread.sleep(10);
            }
        } while (System.nanoTime() < end);
        return false;
    }
}
