package io.disco.turn.testing;

import io.disco.turn.stun.MessageIntegrity;
import io.disco.turn.stun.RawMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ice4j.StunException;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.LifetimeAttribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.attribute.UnknownAttributesAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.attribute.XorRelayedAddressAttribute;
import org.ice4j.message.Message;

/** A response as a test client reads it, decoded by ice4j. */
public record Reply(byte[] bytes, Message message) {

    public static Reply of(byte[] bytes) {
        try {
            return new Reply(bytes, Message.decode(bytes, 0, bytes.length));
        } catch (StunException e) {
            throw new AssertionError("undecodable response", e);
        }
    }

    /** 0 for a success response, else the error code. */
    public int code() {
        ErrorCodeAttribute error = (ErrorCodeAttribute) message.getAttribute(Attribute.ERROR_CODE);
        return error == null ? 0 : error.getErrorCode();
    }

    public boolean isSuccess() {
        return Message.isSuccessResponseType(message.getMessageType());
    }

    public String nonce() {
        NonceAttribute nonce = (NonceAttribute) message.getAttribute(Attribute.NONCE);
        return nonce == null ? null : new String(nonce.getNonce(), StandardCharsets.UTF_8);
    }

    public String realm() {
        RealmAttribute realm = (RealmAttribute) message.getAttribute(Attribute.REALM);
        return realm == null ? null : new String(realm.getRealm(), StandardCharsets.UTF_8);
    }

    public Integer lifetime() {
        LifetimeAttribute lifetime = (LifetimeAttribute) message.getAttribute(Attribute.LIFETIME);
        return lifetime == null ? null : lifetime.getLifetime();
    }

    public InetSocketAddress relayed() {
        XorRelayedAddressAttribute relayed = (XorRelayedAddressAttribute) message.getAttribute(Attribute.XOR_RELAYED_ADDRESS);
        return relayed == null ? null : plain(relayed.getAddress(message.getTransactionID()));
    }

    public InetSocketAddress mapped() {
        XorMappedAddressAttribute mapped = (XorMappedAddressAttribute) message.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
        return mapped == null ? null : plain(mapped.getAddress(message.getTransactionID()));
    }

    private static InetSocketAddress plain(InetSocketAddress address) {
        return new InetSocketAddress(address.getAddress(), address.getPort());
    }

    public boolean lists(int unknownType) {
        UnknownAttributesAttribute unknown = (UnknownAttributesAttribute) message.getAttribute(Attribute.UNKNOWN_ATTRIBUTES);
        return unknown != null && unknown.contains((char) unknownType);
    }

    /** RESERVATION-TOKEN's value, read over the bytes, or null. */
    public byte[] reservationToken() {
        return attribute(0x0022);
    }

    /** ALTERNATE-SERVER (a plain address, MAPPED-ADDRESS's layout), read over the bytes, or null. */
    public InetSocketAddress alternateServer() throws UnknownHostException {
        byte[] value = attribute(0x8023);
        if (value == null) {
            return null;
        }
        int port = ((value[2] & 0xFF) << 8) | (value[3] & 0xFF);
        return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(value, 4, value.length)), port);
    }

    private byte[] attribute(int wanted) {
        for (int offset = 20; offset + 4 <= bytes.length; ) {
            int type = ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
            int length = ((bytes[offset + 2] & 0xFF) << 8) | (bytes[offset + 3] & 0xFF);
            if (type == wanted) {
                return Arrays.copyOfRange(bytes, offset + 4, offset + 4 + length);
            }
            offset += 4 + ((length + 3) & ~3);
        }
        return null;
    }

    public boolean hasFingerprint() {
        RawMessage raw = RawMessage.scan(bytes, bytes.length);
        return raw != null && raw.hasFingerprint();
    }

    public boolean hasIntegrity() {
        return message.containsAttribute(Attribute.MESSAGE_INTEGRITY);
    }

    /** Whether MESSAGE-INTEGRITY is there and made with {@code key}. */
    public boolean signedWith(byte[] key) {
        RawMessage raw = RawMessage.scan(bytes, bytes.length);
        return raw != null && MessageIntegrity.verify(raw, key);
    }
}
