package io.disco.turn.relay;

import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.protocol.RelayPath;
import io.disco.turn.stun.ChannelDataFrame;
import io.disco.turn.stun.RequestDecoder;
import io.disco.turn.stun.SendIndication;
import io.disco.turn.stun.StunRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every client transport does with one message from a client, a datagram or a stream's
 * frame alike: ChannelData and Send indications go down the {@link RelayPath}, anything else must
 * be a request. One per reading thread: it keeps that thread's Send indication reader.
 */
final class ClientMessages {

    private final RelayPath relayPath;
    private final SendIndication sendIndication = new SendIndication();
    private final LongAdder malformed = new LongAdder();

    ClientMessages(RelayPath relayPath) {
        this.relayPath = relayPath;
    }

    /**
     * Relays the message in {@code message} (array-backed, from index 0 to its limit) or reads the
     * request in it.
     *
     * @return the request, for the caller to answer; null when the message was relayed or dropped
     */
    StunRequest route(FiveTuple fiveTuple, ByteBuffer message) {
        byte[] bytes = message.array();
        int length = message.limit();
        if (length == 0) {
            malformed.increment();
        } else if (ChannelDataFrame.isChannelData(bytes[0])) {
            relayPath.fromClientChannelData(fiveTuple, message);
        } else if (SendIndication.is(bytes, length)) {
            relayPath.fromClientSend(fiveTuple, message, sendIndication);
        } else {
            StunRequest request = RequestDecoder.decode(bytes, length);
            if (request == null) {
                // Malformed, or a response or indication no client should send a server.
                malformed.increment();
            }
            return request;
        }
        return null;
    }

    /** Counts a message that could not be handled at all. */
    void dropped() {
        malformed.increment();
    }

    /** Messages dropped as malformed, or not requests when they had to be. */
    long malformed() {
        return malformed.sum();
    }
}
