package io.disco.signal.wamp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.MessageLayout.Element;
import java.io.IOException;

/**
 * WAMP's list form to typed messages and back, the same for every serializer: decoding takes the
 * tree any Jackson format parses to, encoding writes to any Jackson generator. Each message's
 * elements are as its {@link MessageLayout} says.
 */
public final class WampCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WampCodec() {
    }

    /** A fresh, empty options or details object. */
    public static ObjectNode dict() {
        return NODES.objectNode();
    }

    public static ArrayNode list() {
        return NODES.arrayNode();
    }

    // --- decoding

    public static WampMessage decode(JsonNode frame) throws ProtocolViolation {
        if (!frame.isArray()) {
            throw new ProtocolViolation("a message must be a list starting with its type code");
        }
        return decode((ArrayNode) frame, null, 0);
    }

    /**
     * Decodes a message whose payload, if {@code payload} is not {@code null}, was read apart from
     * the other elements ({@code head}) as {@code payloadElements} elements at
     * {@link MessageLayout#payloadIndex}.
     */
    static WampMessage decode(ArrayNode head, Payload payload, int payloadElements) throws ProtocolViolation {
        if (head.isEmpty() || !head.get(0).isIntegralNumber()) {
            throw new ProtocolViolation("a message must be a list starting with its type code");
        }
        int type = head.get(0).intValue();
        MessageLayout layout = MessageLayout.of(type);
        if (layout == null) {
            throw new ProtocolViolation("unknown or unsupported message type " + type);
        }
        Reader in = new Reader(head, layout, payload);
        in.check(payloadElements);
        return layout.make.make(in);
    }

    /**
     * A frame's elements checked against its layout, in order, with refusals that say which element
     * is wrong; then read back in order by the layout's {@link MessageLayout.Make}.
     */
    private static final class Reader implements MessageLayout.Elements {
        private final ArrayNode frame;
        private final MessageLayout layout;
        private Payload payload;
        private int next;

        Reader(ArrayNode frame, MessageLayout layout, Payload payload) {
            this.frame = frame;
            this.layout = layout;
            this.payload = payload;
        }

        void check(int payloadElements) throws ProtocolViolation {
            Element[] elements = layout.elements;
            for (int i = 0; i < elements.length; i++) {
                check(elements[i], i + 1);
            }
            int size = frame.size() + payloadElements;
            int allowed = 1 + layout.maxElements();
            if (size > allowed) {
                throw new ProtocolViolation("message " + layout.code + " has " + size + " elements, at most "
                        + allowed + " allowed");
            }
        }

        private void check(Element element, int index) throws ProtocolViolation {
            String what = element.name();
            switch (element.kind()) {
                case ID -> {
                    JsonNode node = required(index, what);
                    if (!node.isIntegralNumber() || !node.canConvertToLong() || !WampIds.isValid(node.longValue())) {
                        throw new ProtocolViolation(what + " must be an id in [1, 2^53]");
                    }
                }
                case INTEGER -> {
                    JsonNode node = required(index, what);
                    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                        throw new ProtocolViolation(what + " must be an integer");
                    }
                }
                case URI -> {
                    if (!required(index, what).isTextual()) {
                        throw new ProtocolViolation(what + " must be a string");
                    }
                }
                case DICT -> {
                    if (!required(index, what).isObject()) {
                        throw new ProtocolViolation(what + " must be a dictionary");
                    }
                }
                case PAYLOAD -> {
                    // Read apart already (JsonFrameReader), or the optional last two elements.
                    if (payload == null) {
                        payload = Payload.of(args(index), kwargs(index + 1));
                    }
                }
            }
        }

        private JsonNode required(int index, String what) throws ProtocolViolation {
            JsonNode node = frame.get(index);
            if (node == null) {
                throw new ProtocolViolation("message " + layout.code + " lacks its " + what);
            }
            return node;
        }

        private ArrayNode args(int index) throws ProtocolViolation {
            JsonNode node = frame.get(index);
            if (node == null) {
                return null;
            }
            if (!node.isArray()) {
                throw new ProtocolViolation("arguments must be a list");
            }
            return (ArrayNode) node;
        }

        private ObjectNode kwargs(int index) throws ProtocolViolation {
            JsonNode node = frame.get(index);
            if (node == null) {
                return null;
            }
            if (!node.isObject()) {
                throw new ProtocolViolation("keyword arguments must be a dictionary");
            }
            return (ObjectNode) node;
        }

        /** The next element, which the layout must say is of {@code kind}: a Make reading out of order is a bug. */
        private JsonNode next(MessageLayout.Kind kind) {
            int position = next++;
            Element element = layout.elements[position];
            if (element.kind() != kind) {
                throw new IllegalStateException(layout + " reads its " + element.name() + " as " + kind);
            }
            return frame.get(position + 1);
        }

        @Override
        public long id() {
            return next(MessageLayout.Kind.ID).longValue();
        }

        @Override
        public int integer() {
            return next(MessageLayout.Kind.INTEGER).intValue();
        }

        @Override
        public String uri() {
            return next(MessageLayout.Kind.URI).textValue();
        }

        @Override
        public ObjectNode dict() {
            return (ObjectNode) next(MessageLayout.Kind.DICT);
        }

        @Override
        public Payload payload() {
            next(MessageLayout.Kind.PAYLOAD);
            return payload;
        }
    }

    // --- encoding

    /** Writes {@code message} as a WAMP list to any Jackson generator (JSON, MessagePack, CBOR). */
    public static void encode(WampMessage message, JsonGenerator out) throws IOException {
        MessageLayout layout = MessageLayout.of(message.code());
        if (layout == null) {
            throw new IllegalArgumentException("no encoding for message " + message.code());
        }
        boolean json = TreeWriter.isJson(out);
        out.writeStartArray();
        out.writeNumber(message.code());
        for (Element element : layout.elements) {
            switch (element.kind()) {
                case ID -> out.writeNumber(element.number().applyAsLong(message));
                case INTEGER -> out.writeNumber((int) element.number().applyAsLong(message));
                case URI -> out.writeString((String) element.value().apply(message));
                case DICT -> {
                    JsonNode node = (JsonNode) element.value().apply(message);
                    TreeWriter.write(out, node == null ? dict() : node, json);
                }
                case PAYLOAD -> ((Payload) element.value().apply(message)).write(out, json);
            }
        }
        out.writeEndArray();
    }
}
