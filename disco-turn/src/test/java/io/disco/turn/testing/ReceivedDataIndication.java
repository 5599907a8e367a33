package io.disco.turn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.DataAttribute;
import org.ice4j.attribute.XorPeerAddressAttribute;
import org.ice4j.message.Message;

/** A Data indication as a client receives it, decoded by ice4j: which peer sent what. */
public record ReceivedDataIndication(InetSocketAddress peer, byte[] data) {

    /** Decodes {@code message}, failing the test unless it is a Data indication. */
    public static ReceivedDataIndication decode(byte[] message) throws Exception {
        Message indication = Message.decode(message, 0, message.length);
        assertEquals(Message.DATA_INDICATION, indication.getMessageType(), "a Data indication");
        InetSocketAddress from = ((XorPeerAddressAttribute) indication.getAttribute(Attribute.XOR_PEER_ADDRESS))
                .getAddress(indication.getTransactionID());
        return new ReceivedDataIndication(new InetSocketAddress(from.getAddress(), from.getPort()),
                ((DataAttribute) indication.getAttribute(Attribute.DATA)).getData());
    }
}
