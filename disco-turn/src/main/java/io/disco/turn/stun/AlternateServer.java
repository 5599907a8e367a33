package io.disco.turn.stun;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * ALTERNATE-SERVER (RFC 8489 §14.15): where a client is to try instead, in a 300 (Try Alternate)
 * answer; a plain address, not XORed, in MAPPED-ADDRESS's layout. Written over the bytes, as
 * ice4j's attribute for it cannot be made outside its package.
 */
final class AlternateServer {

    static final int TYPE = 0x8023;

    private AlternateServer() {
    }

    /** Appends ALTERNATE-SERVER naming {@code server} to the encoded message and returns the longer message. */
    static byte[] append(byte[] encoded, InetSocketAddress server) {
        byte[] ip = server.getAddress().getAddress();
        int end = encoded.length;
        int valueLength = 4 + ip.length;
        byte[] longer = Arrays.copyOf(encoded, end + 4 + valueLength);
        StunHeader.putU16(longer, 2, longer.length - StunHeader.LENGTH);
        StunHeader.putU16(longer, end, TYPE);
        StunHeader.putU16(longer, end + 2, valueLength);
        longer[end + 5] = (byte) (ip.length == 4 ? XorAddress.FAMILY_IPV4 : XorAddress.FAMILY_IPV6);
        StunHeader.putU16(longer, end + 6, server.getPort());
        System.arraycopy(ip, 0, longer, end + 8, ip.length);
        return longer;
    }
}
