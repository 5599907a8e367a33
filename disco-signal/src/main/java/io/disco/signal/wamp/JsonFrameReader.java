package io.disco.signal.wamp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;

/**
 * Reads a {@code wamp.2.json} frame as a stream: the elements before a message's arguments become
 * trees, and the arguments and keyword arguments are skipped over (which checks that they are
 * well-formed) and kept as the text they are ({@link Payload}). A frame whose arguments are not a
 * list (or keyword arguments not a dictionary) is read whole as trees instead, so that
 * {@link WampCodec} names its first wrong element as for any other serializer.
 */
final class JsonFrameReader {

    private JsonFrameReader() {
    }

    /** Decodes {@code frame}, which the message may keep (its payload is a slice of it). */
    static WampMessage read(JsonParser in, byte[] frame) throws IOException, ProtocolViolation {
        JsonToken first = in.nextToken();
        if (first == null) {
            throw new ProtocolViolation("empty frame");
        }
        if (first != JsonToken.START_ARRAY) {
            throw new ProtocolViolation("a message must be a list starting with its type code");
        }
        ArrayNode head = WampCodec.list();
        int payloadAt = -1;
        for (JsonToken token = next(in); token != JsonToken.END_ARRAY; token = next(in)) {
            if (head.size() == payloadAt) {
                return withPayload(in, token, frame, head);
            }
            JsonNode element = in.readValueAsTree();
            if (head.isEmpty() && element.isIntegralNumber()) {
                payloadAt = MessageLayout.payloadIndex(element.intValue());
            }
            head.add(element);
        }
        return WampCodec.decode(head, null, 0);
    }

    private static WampMessage withPayload(JsonParser in, JsonToken token, byte[] frame, ArrayNode head)
            throws IOException, ProtocolViolation {
        if (token != JsonToken.START_ARRAY) {
            return asTrees(in, token, head);
        }
        RawJson args = skip(in, frame);
        RawJson kwargs = null;
        int elements = 1;
        token = next(in);
        if (token != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                head.add(args.tree());
                return asTrees(in, token, head);
            }
            kwargs = skip(in, frame);
            elements++;
            // Anything after is too much, which WampCodec says; it only needs counting.
            for (token = next(in); token != JsonToken.END_ARRAY; token = next(in)) {
                in.skipChildren();
                elements++;
            }
        }
        return WampCodec.decode(head, Payload.json(args, kwargs), elements);
    }

    /** Skips the list or dictionary that starts at the current token: its text. */
    private static RawJson skip(JsonParser in, byte[] frame) throws IOException {
        int start = (int) in.currentTokenLocation().getByteOffset();
        in.skipChildren();
        int end = (int) in.currentLocation().getByteOffset();
        return new RawJson(frame, start, end - start);
    }

    /** Reads the rest of the list, from the current {@code token} on, as trees. */
    private static WampMessage asTrees(JsonParser in, JsonToken token, ArrayNode head)
            throws IOException, ProtocolViolation {
        for (; token != JsonToken.END_ARRAY; token = next(in)) {
            JsonNode element = in.readValueAsTree();
            head.add(element);
        }
        return WampCodec.decode(head, null, 0);
    }

    /** The next token; the input ending before the message's list does is a truncated frame. */
    private static JsonToken next(JsonParser in) throws IOException, ProtocolViolation {
        JsonToken token = in.nextToken();
        if (token == null) {
            throw new ProtocolViolation("frame ends inside the message's list");
        }
        return token;
    }
}
