package io.disco.turn.stun;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A STUN/TURN request as the protocol logic sees it: decoded at the border, typed, with the raw
 * bytes kept only to check MESSAGE-INTEGRITY.
 *
 * @param method              the request's method
 * @param transactionId       12 bytes
 * @param username            USERNAME, or null
 * @param realm               REALM, or null
 * @param nonce               NONCE, or null
 * @param lifetime            LIFETIME in seconds, or null
 * @param requestedTransport  the protocol number in REQUESTED-TRANSPORT, or null
 * @param peers               every XOR-PEER-ADDRESS, in order
 * @param channelNumber       CHANNEL-NUMBER, or null
 * @param evenPort            EVEN-PORT's R bit (reserve the next port too), or null without EVEN-PORT
 * @param reservationToken    RESERVATION-TOKEN's 8 bytes, or null
 * @param addressFamily       REQUESTED-ADDRESS-FAMILY (RFC 6156: 1 IPv4, 2 IPv6), or null
 * @param unknownRequired     comprehension-required attribute types this server does not know
 * @param raw                 the bytes, framing checked
 */
public record StunRequest(Method method, byte[] transactionId, String username, String realm, String nonce,
                          Long lifetime, Integer requestedTransport, List<InetSocketAddress> peers,
                          Integer channelNumber, Boolean evenPort, byte[] reservationToken, Integer addressFamily,
                          List<Integer> unknownRequired, RawMessage raw) {

    public boolean hasIntegrity() {
        return raw.hasIntegrity();
    }

    public boolean hasFingerprint() {
        return raw.hasFingerprint();
    }
}
