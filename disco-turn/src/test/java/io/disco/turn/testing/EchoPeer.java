package io.disco.turn.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A UDP peer behind the relay on loopback that sends every datagram back where it came from. */
public final class EchoPeer implements AutoCloseable {

    private final DatagramSocket socket;
    private final LinkedBlockingQueue<InetSocketAddress> sources = new LinkedBlockingQueue<>();
    private final Thread thread;

    public EchoPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        thread = new Thread(this::echo, "echo-peer");
        thread.start();
    }

    private void echo() {
        byte[] buffer = new byte[65535];
        try {
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                sources.add((InetSocketAddress) packet.getSocketAddress());
                socket.send(new DatagramPacket(buffer, packet.getLength(), packet.getSocketAddress()));
            }
        } catch (SocketException closed) {
            // the test is over
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Where the next datagram the peer received came from; null after five seconds without one. */
    public InetSocketAddress nextSource() throws InterruptedException {
        return sources.poll(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
