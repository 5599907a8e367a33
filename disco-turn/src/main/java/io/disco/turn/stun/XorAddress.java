package io.disco.turn.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * The XOR-*-ADDRESS value codec (RFC 5389 §15.2) for the relay path, which reads and writes
 * addresses without going through ice4j's attribute objects.
 */
final class XorAddress {

    static final int FAMILY_IPV4 = 0x01;
    static final int FAMILY_IPV6 = 0x02;

    private XorAddress() {
    }

    /** Decodes the value at {@code offset} of {@code length} bytes; null when it is not an address. */
    static InetSocketAddress decode(byte[] message, int offset, int length) {
        if (length < 4) {
            return null;
        }
        int family = message[offset + 1] & 0xFF;
        int port = StunHeader.u16(message, offset + 2) ^ (StunHeader.MAGIC_COOKIE >>> 16);
        int size = family == FAMILY_IPV4 ? 4 : family == FAMILY_IPV6 ? 16 : -1;
        if (size < 0 || length != 4 + size) {
            return null;
        }
        byte[] address = new byte[size];
        for (int i = 0; i < size; i++) {
            // The mask is the magic cookie followed by the transaction ID: message bytes 4..19.
            address[i] = (byte) (message[offset + 4 + i] ^ message[4 + i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Writes the value for {@code address}, masked with {@code out}'s header at {@code messageStart}. */
    static void encode(ByteBuffer out, int messageStart, InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        out.put((byte) 0);
        out.put((byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6));
        out.putShort((short) (address.getPort() ^ (StunHeader.MAGIC_COOKIE >>> 16)));
        for (int i = 0; i < ip.length; i++) {
            out.put((byte) (ip[i] ^ out.get(messageStart + 4 + i)));
        }
    }
}
