package io.disco.all;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bare STUN Binding request (RFC 8489), written by hand so that this test of the whole program
 * does not lean on the TURN module's own codec.
 */
final class StunBinding {

    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int XOR_MAPPED_ADDRESS = 0x0020;

    private StunBinding() {
    }

    /** Asks the server on 127.0.0.1:{@code port} from {@code socket}; returns the port its XOR-MAPPED-ADDRESS names. */
    static int mappedPort(DatagramSocket socket, int port) throws IOException {
        socket.setSoTimeout(5_000);
        byte[] transaction = new byte[12];
        ThreadLocalRandom.current().nextBytes(transaction);
        ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0)
                .putInt(MAGIC_COOKIE).put(transaction);
        socket.send(new DatagramPacket(request.array(), 20, InetAddress.getLoopbackAddress(), port));
        DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
        socket.receive(reply);
        ByteBuffer response = ByteBuffer.wrap(reply.getData(), 0, reply.getLength());
        if (response.getShort() != 0x0101) {
            throw new IOException("not a Binding success response");
        }
        int length = response.getShort() & 0xFFFF;
        response.position(20);
        int end = 20 + length;
        while (response.position() + 4 <= end) {
            int type = response.getShort() & 0xFFFF;
            int attributeLength = response.getShort() & 0xFFFF;
            int next = response.position() + ((attributeLength + 3) & ~3);
            if (type == XOR_MAPPED_ADDRESS) {
                response.get();
                response.get();
                return (response.getShort() & 0xFFFF) ^ (MAGIC_COOKIE >>> 16);
            }
            response.position(next);
        }
        throw new IOException("no XOR-MAPPED-ADDRESS in the Binding response");
    }
}
