package io.disco.turn.relay;

import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.protocol.RelayPath;
import io.disco.turn.stun.ChannelDataFrame;
import io.disco.turn.stun.RequestDecoder;
import io.disco.turn.stun.SendIndication;
import io.disco.turn.stun.StreamFrame;
import io.disco.turn.stun.StunRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every client transport does with one message from a client, a datagram or a stream's
 * frame alike: ChannelData and Send indications go down the {@link RelayPath}, anything else must
 * be a request. One per reading thread: it keeps that thread's Send indication reader.
 */
final class ClientMessages {

    /** The largest message a client can send: a stream's frame (a datagram is shorter). */
    private static final int MAX_MESSAGE = StreamFrame.MAX_LENGTH;

    private final RelayPath relayPath;
    private final SendIndication sendIndication = new SendIndication();
    private final LongAdder malformed = new LongAdder();
    /** Made on first use: only a transport that reads into direct buffers needs it. */
    private ByteBuffer heapCopy;

    ClientMessages(RelayPath relayPath) {
        this.relayPath = relayPath;
    }

    /**
     * Relays the message in {@code message} (from index 0 to its limit; heap or direct) or reads
     * the request in it.
     *
     * @return the request, for the caller to answer; null when the message was relayed or dropped
     */
    StunRequest route(FiveTuple fiveTuple, ByteBuffer message) {
        int length = message.limit();
        if (length == 0) {
            malformed.increment();
            return null;
        }
        if (ChannelDataFrame.isChannelData(message.get(0))) {
            relayPath.fromClientChannelData(fiveTuple, message);
            return null;
        }
        ByteBuffer onHeap = onHeap(message);
        byte[] bytes = onHeap.array();
        if (SendIndication.is(bytes, length)) {
            relayPath.fromClientSend(fiveTuple, onHeap, sendIndication);
            return null;
        }
        StunRequest request = RequestDecoder.decode(bytes, length);
        if (request == null) {
            // Malformed, or a response or indication no client should send a server.
            malformed.increment();
        }
        return request;
    }

    /** STUN messages are parsed from an array: a direct buffer's message is copied to the heap. */
    private ByteBuffer onHeap(ByteBuffer message) {
        if (message.hasArray() && message.arrayOffset() == 0) {
            return message;
        }
        if (heapCopy == null) {
            heapCopy = ByteBuffer.allocate(MAX_MESSAGE);
        }
        int length = message.limit();
        message.get(0, heapCopy.array(), 0, length);
        return heapCopy.clear().limit(length);
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
