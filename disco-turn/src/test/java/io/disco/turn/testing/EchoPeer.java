package io.disco.turn.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A UDP peer behind the relay on loopback that answers every datagram where it came from, by
 * default with the same bytes, noting each datagram and its source before it answers (so once
 * an answer has come back, the datagram is on record).
 */
public final class EchoPeer implements AutoCloseable {

    /** A datagram the peer received, and where from. */
    public record Datagram(InetSocketAddress source, byte[] data) {
    }

    private final DatagramSocket socket;
    private final UnaryOperator<byte[]> reply;
    private final LinkedBlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
    private final Thread thread;

    public EchoPeer() throws IOException {
        this(UnaryOperator.identity());
    }

    /** Answers each datagram with what {@code reply} makes of it. */
    public EchoPeer(UnaryOperator<byte[]> reply) throws IOException {
        this.reply = reply;
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        thread = new Thread(this::echo, "echo-peer");
        thread.setDaemon(true);
        thread.start();
    }

    private void echo() {
        byte[] buffer = new byte[65535];
        try {
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] data = Arrays.copyOf(buffer, packet.getLength());
                received.add(new Datagram((InetSocketAddress) packet.getSocketAddress(), data));
                byte[] answer = reply.apply(data);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Where the next datagram the peer received came from; null after five seconds without one. */
    public InetSocketAddress nextSource() throws InterruptedException {
        Datagram next = received.poll(5, TimeUnit.SECONDS);
        return next == null ? null : next.source();
    }

    /** The datagrams received and not yet taken by {@link #nextSource}, in order. */
    public List<Datagram> takeAll() {
        List<Datagram> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
