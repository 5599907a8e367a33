package io.disco.turn.stun;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ice4j.StunException;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ChannelNumberAttribute;
import org.ice4j.attribute.LifetimeAttribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.attribute.RequestedTransportAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;

/**
 * The border for requests: bytes in, a typed {@link StunRequest} out, or null for anything that is
 * not a well-formed request (the caller drops it and counts it).
 *
 * <p>ice4j decodes the single-valued attributes we read, and only those: its decoder fails the whole
 * message on some attributes it knows but we do not use (it rejects a standard one-byte EVEN-PORT,
 * the very encoding it writes itself), so it is handed a copy holding just ours. What it cannot do
 * is done over the bytes: it keeps one attribute per type, so every XOR-PEER-ADDRESS of a
 * CreatePermission is read here; and it turns unknown attributes into one anonymous kind, so the
 * comprehension-required ones (420) are found here too.
 */
public final class RequestDecoder {

    private static final int ATTR_EVEN_PORT = 0x0018;
    private static final int ATTR_RESERVATION_TOKEN = 0x0022;
    private static final int ATTR_REQUESTED_ADDRESS_FAMILY = 0x0017;

    /** The attributes ice4j decodes for us. */
    private static final Set<Integer> DECODED_BY_ICE4J = Set.of(0x0006, 0x000C, 0x000D, 0x0014, 0x0015, 0x0019);

    private RequestDecoder() {
    }

    /** Decodes the request in the first {@code length} bytes of {@code datagram}; null when it is none. */
    public static StunRequest decode(byte[] datagram, int length) {
        byte[] bytes = Arrays.copyOf(datagram, length);
        RawMessage raw = RawMessage.scan(bytes, length);
        if (raw == null || (raw.type() & Method.CLASS_ERROR) != Method.CLASS_REQUEST) {
            return null;
        }
        Method method = Method.ofMessageType(raw.type());
        Message message;
        try {
            byte[] ours = onlyOurs(bytes, length);
            message = Message.decode(ours, 0, ours.length);
        } catch (StunException | RuntimeException e) {
            return null;
        }
        Walk walk = new Walk();
        if (!walk.over(bytes, length)) {
            return null;
        }
        if (method == null) {
            // An unknown method: RFC 5389 §7.3.1 answers 400, which needs a method to answer with.
            return null;
        }
        try {
            return new StunRequest(method, raw.transactionId(),
                    text(message.getAttribute(Attribute.USERNAME)),
                    text(message.getAttribute(Attribute.REALM)),
                    text(message.getAttribute(Attribute.NONCE)),
                    message.getAttribute(Attribute.LIFETIME) instanceof LifetimeAttribute lifetime
                            ? Integer.toUnsignedLong(lifetime.getLifetime()) : null,
                    message.getAttribute(Attribute.REQUESTED_TRANSPORT) instanceof RequestedTransportAttribute transport
                            ? transport.getRequestedTransport() & 0xFF : null,
                    List.copyOf(walk.peers),
                    message.getAttribute(Attribute.CHANNEL_NUMBER) instanceof ChannelNumberAttribute channel
                            ? (int) channel.getChannelNumber() : null,
                    walk.evenPort, walk.reservationToken, walk.addressFamily, List.copyOf(walk.unknown), raw);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A copy of the message with only the attributes of {@link #DECODED_BY_ICE4J}, up to MESSAGE-INTEGRITY. */
    private static byte[] onlyOurs(byte[] bytes, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(bytes, 0, copy, 0, StunHeader.LENGTH);
        int out = StunHeader.LENGTH;
        int offset = StunHeader.LENGTH;
        while (offset < length) {
            int type = StunHeader.u16(bytes, offset);
            int size = 4 + StunHeader.padded(StunHeader.u16(bytes, offset + 2));
            if (type == StunHeader.ATTR_MESSAGE_INTEGRITY) {
                break;
            }
            if (DECODED_BY_ICE4J.contains(type)) {
                System.arraycopy(bytes, offset, copy, out, size);
                out += size;
            }
            offset += size;
        }
        StunHeader.putU16(copy, 2, out - StunHeader.LENGTH);
        return Arrays.copyOf(copy, out);
    }

    /**
     * What is read over the bytes: every XOR-PEER-ADDRESS, EVEN-PORT and RESERVATION-TOKEN (ice4j
     * cannot decode a standard EVEN-PORT), REQUESTED-ADDRESS-FAMILY, and the unknown
     * comprehension-required types.
     */
    private static final class Walk {
        final List<InetSocketAddress> peers = new ArrayList<>();
        final List<Integer> unknown = new ArrayList<>();
        Boolean evenPort;
        byte[] reservationToken;
        Integer addressFamily;

        /** False when an attribute we read is malformed. */
        boolean over(byte[] bytes, int length) {
            int offset = StunHeader.LENGTH;
            while (offset < length) {
                int type = StunHeader.u16(bytes, offset);
                int attributeLength = StunHeader.u16(bytes, offset + 2);
                int value = offset + 4;
                if (type == StunHeader.ATTR_MESSAGE_INTEGRITY) {
                    // Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are to be ignored.
                    return true;
                }
                if (type == StunHeader.ATTR_XOR_PEER_ADDRESS) {
                    InetSocketAddress peer = XorAddress.decode(bytes, value, attributeLength);
                    if (peer == null) {
                        return false;
                    }
                    peers.add(peer);
                } else if (type == ATTR_EVEN_PORT) {
                    if (attributeLength < 1) {
                        return false;
                    }
                    evenPort = (bytes[value] & 0x80) != 0;
                } else if (type == ATTR_REQUESTED_ADDRESS_FAMILY) {
                    if (attributeLength != 4) {
                        return false;
                    }
                    addressFamily = bytes[value] & 0xFF;
                } else if (type == ATTR_RESERVATION_TOKEN) {
                    if (attributeLength != 8) {
                        return false;
                    }
                    reservationToken = Arrays.copyOfRange(bytes, value, value + 8);
                } else if (AttributeType.unknownRequired(type) && !unknown.contains(type)) {
                    unknown.add(type);
                }
                offset = value + StunHeader.padded(attributeLength);
            }
            return true;
        }
    }

    private static String text(Attribute attribute) {
        byte[] value;
        if (attribute instanceof UsernameAttribute username) {
            value = username.getUsername();
        } else if (attribute instanceof RealmAttribute realm) {
            value = realm.getRealm();
        } else if (attribute instanceof NonceAttribute nonce) {
            value = nonce.getNonce();
        } else {
            return null;
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
