package io.disco.turn.relay;

import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.protocol.RelayPath;
import io.disco.turn.protocol.RequestHandler;
import io.disco.turn.stun.ResponseEncoder;
import io.disco.turn.stun.StreamFrame;
import io.disco.turn.stun.StunRequest;
import io.disco.turn.stun.StunResponse;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of the whole frames read from TCP and TLS connections: ChannelData and Send
 * indications go down the {@link RelayPath}, requests are answered by the {@link RequestHandler}
 * on the connection they came on, and a connection drawing too many challenges in a row is
 * closed. Each frame is copied to index 0 of one reused buffer, where the protocol code expects a
 * message; nothing is allocated per frame. The selector thread's own.
 */
final class StreamFrames implements TcpConnection.FrameHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamFrames.class);

    private final RequestHandler requests;
    private final ClientMessages messages;
    private final ByteBuffer frame = ByteBuffer.allocate(StreamFrame.MAX_LENGTH);

    StreamFrames(RequestHandler requests, RelayPath relayPath) {
        this.requests = requests;
        this.messages = new ClientMessages(relayPath);
    }

    @Override
    public void handle(TcpConnection connection, byte[] bytes, int offset, int length) {
        byte[] message = frame.array();
        System.arraycopy(bytes, offset, message, 0, length);
        frame.clear().limit(length);
        FiveTuple fiveTuple = connection.fiveTuple();
        try {
            StunRequest request = messages.route(fiveTuple, frame);
            if (request == null) {
                // Relayed, or framed right but malformed: the stream goes on either way.
                return;
            }
            StunResponse response = requests.handle(request, fiveTuple, connection);
            if (response != null) {
                connection.send(ByteBuffer.wrap(ResponseEncoder.encode(response)));
                if (connection.challenges().tooLongAfter(response)) {
                    connection.close();
                }
            }
        } catch (RuntimeException e) {
            messages.dropped();
            LOG.debug("Dropped a message from {} that could not be handled", fiveTuple.client(), e);
        }
    }

    /** Messages dropped as malformed, or not requests when they had to be. */
    long malformed() {
        return messages.malformed();
    }
}
