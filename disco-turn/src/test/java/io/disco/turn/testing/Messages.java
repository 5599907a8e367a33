package io.disco.turn.testing;

import io.disco.turn.auth.LongTermKey;
import io.disco.turn.stun.Fingerprint;
import io.disco.turn.stun.MessageIntegrity;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;

/** A TURN client's requests for tests: built and encoded by ice4j, signed by our integrity code. */
public final class Messages {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Request request;
    private final byte[] transactionId;
    private byte[] key;
    private boolean fingerprint;
    private final ByteArrayOutputStream extra = new ByteArrayOutputStream();

    private Messages(Request request, byte[] transactionId) {
        this.request = request;
        this.transactionId = transactionId;
        try {
            request.setTransactionID(transactionId);
        } catch (StunException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] newTransactionId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return id;
    }

    public static TransportAddress udp(InetSocketAddress address) {
        return new TransportAddress(address, Transport.UDP);
    }

    public static Messages binding() {
        return new Messages(MessageFactory.createBindingRequest(), newTransactionId());
    }

    /** Allocate with REQUESTED-TRANSPORT {@code protocol} (17 is UDP). */
    public static Messages allocate(int protocol) {
        return new Messages(MessageFactory.createAllocateRequest((byte) protocol, false), newTransactionId());
    }

    public static Messages allocate() {
        return allocate(17);
    }

    public static Messages refresh(int lifetime) {
        return new Messages(MessageFactory.createRefreshRequest(lifetime), newTransactionId());
    }

    public static Messages refresh() {
        return new Messages(MessageFactory.createRefreshRequest(), newTransactionId());
    }

    public static Messages createPermission(InetSocketAddress peer) {
        byte[] id = newTransactionId();
        return new Messages(MessageFactory.createCreatePermissionRequest(udp(peer), id), id);
    }

    public static Messages channelBind(int channel, InetSocketAddress peer) {
        byte[] id = newTransactionId();
        return new Messages(MessageFactory.createChannelBindRequest((char) channel, udp(peer), id), id);
    }

    /** A Send indication carrying {@code data} to {@code peer}. */
    public static byte[] send(InetSocketAddress peer, byte[] data) {
        byte[] id = newTransactionId();
        Message indication = MessageFactory.createSendIndication(udp(peer), data, id);
        try {
            // The factory masks the address with the ID but leaves the message without one.
            indication.setTransactionID(id);
        } catch (StunException e) {
            throw new IllegalStateException(e);
        }
        return indication.encode(null);
    }

    public Messages withTransactionId(byte[] id) {
        try {
            request.setTransactionID(id);
        } catch (StunException e) {
            throw new IllegalStateException(e);
        }
        System.arraycopy(id, 0, transactionId, 0, 12);
        return this;
    }

    public Messages with(Attribute attribute) {
        request.putAttribute(attribute);
        return this;
    }

    public Messages without(char attributeType) {
        request.removeAttribute(attributeType);
        return this;
    }

    /**
     * Appends an attribute ice4j cannot build (its constructor is not public, as DONT-FRAGMENT's),
     * after those ice4j encodes and before MESSAGE-INTEGRITY.
     */
    public Messages withRaw(int type, byte[] value) {
        writeAttribute(extra, type, value);
        return this;
    }

    /** {@code message} (without MESSAGE-INTEGRITY or FINGERPRINT) with one more attribute at its end. */
    public static byte[] withRaw(byte[] message, int type, byte[] value) {
        ByteArrayOutputStream attribute = new ByteArrayOutputStream();
        writeAttribute(attribute, type, value);
        return appended(message, attribute.toByteArray());
    }

    private static void writeAttribute(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type >>> 8);
        out.write(type);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
        for (int pad = (4 - value.length % 4) % 4; pad > 0; pad--) {
            out.write(0);
        }
    }

    private static byte[] appended(byte[] message, byte[] attributes) {
        byte[] longer = Arrays.copyOf(message, message.length + attributes.length);
        System.arraycopy(attributes, 0, longer, message.length, attributes.length);
        int length = longer.length - 20;
        longer[2] = (byte) (length >>> 8);
        longer[3] = (byte) length;
        return longer;
    }

    /** USERNAME, REALM, NONCE and MESSAGE-INTEGRITY with the long-term key of the three. */
    public Messages credentials(String username, String realm, String nonce, String password) {
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        request.putAttribute(AttributeFactory.createRealmAttribute(realm.getBytes(StandardCharsets.UTF_8)));
        if (nonce != null) {
            request.putAttribute(AttributeFactory.createNonceAttribute(nonce.getBytes(StandardCharsets.UTF_8)));
        }
        key = LongTermKey.of(username, realm, password);
        return this;
    }

    public Messages fingerprint() {
        fingerprint = true;
        return this;
    }

    public byte[] transactionId() {
        return transactionId.clone();
    }

    public byte[] encode() {
        byte[] bytes = request.encode(null);
        if (extra.size() > 0) {
            bytes = appended(bytes, extra.toByteArray());
        }
        if (key != null) {
            bytes = MessageIntegrity.append(bytes, key);
        }
        return fingerprint ? Fingerprint.append(bytes) : bytes;
    }
}
