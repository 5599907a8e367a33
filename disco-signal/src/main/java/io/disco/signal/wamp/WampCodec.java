package io.disco.signal.wamp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.WampMessage.Abort;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Error;
import io.disco.signal.wamp.WampMessage.Event;
import io.disco.signal.wamp.WampMessage.Goodbye;
import io.disco.signal.wamp.WampMessage.Hello;
import io.disco.signal.wamp.WampMessage.Interrupt;
import io.disco.signal.wamp.WampMessage.Invocation;
import io.disco.signal.wamp.WampMessage.Publish;
import io.disco.signal.wamp.WampMessage.Published;
import io.disco.signal.wamp.WampMessage.Register;
import io.disco.signal.wamp.WampMessage.Registered;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampMessage.Subscribe;
import io.disco.signal.wamp.WampMessage.Subscribed;
import io.disco.signal.wamp.WampMessage.Unregister;
import io.disco.signal.wamp.WampMessage.Unregistered;
import io.disco.signal.wamp.WampMessage.Unsubscribe;
import io.disco.signal.wamp.WampMessage.Unsubscribed;
import io.disco.signal.wamp.WampMessage.Welcome;
import io.disco.signal.wamp.WampMessage.Yield;
import java.io.IOException;

/**
 * WAMP's list form to typed messages and back, the same for every serializer: decoding takes the
 * tree any Jackson format parses to, encoding writes to any Jackson generator.
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
     * {@link #payloadIndex}.
     */
    static WampMessage decode(ArrayNode head, Payload payload, int payloadElements) throws ProtocolViolation {
        if (head.isEmpty() || !head.get(0).isIntegralNumber()) {
            throw new ProtocolViolation("a message must be a list starting with its type code");
        }
        Reader in = new Reader(head, payload, payloadElements);
        int type = head.get(0).intValue();
        WampMessage message = switch (type) {
            case WampMessage.HELLO -> new Hello(in.uri(1, "realm"), in.dict(2, "details"));
            case WampMessage.GOODBYE -> new Goodbye(in.dict(1, "details"), in.uri(2, "reason"));
            case WampMessage.ABORT -> new Abort(in.dict(1, "details"), in.uri(2, "reason"));
            case WampMessage.ERROR -> new Error(in.integer(1, "request type"), in.id(2, "request"),
                    in.dict(3, "details"), in.uri(4, "error"), in.payload());
            case WampMessage.PUBLISH -> new Publish(in.id(1, "request"), in.dict(2, "options"),
                    in.uri(3, "topic"), in.payload());
            case WampMessage.SUBSCRIBE -> new Subscribe(in.id(1, "request"), in.dict(2, "options"),
                    in.uri(3, "topic"));
            case WampMessage.UNSUBSCRIBE -> new Unsubscribe(in.id(1, "request"), in.id(2, "subscription"));
            case WampMessage.CALL -> new Call(in.id(1, "request"), in.dict(2, "options"), in.uri(3, "procedure"),
                    in.payload());
            case WampMessage.CANCEL -> new Cancel(in.id(1, "request"), in.dict(2, "options"));
            case WampMessage.REGISTER -> new Register(in.id(1, "request"), in.dict(2, "options"),
                    in.uri(3, "procedure"));
            case WampMessage.UNREGISTER -> new Unregister(in.id(1, "request"), in.id(2, "registration"));
            case WampMessage.YIELD -> new Yield(in.id(1, "request"), in.dict(2, "options"), in.payload());
            // Messages only a router sends are read too, for tests and clients built on this codec.
            case WampMessage.WELCOME -> new Welcome(in.id(1, "session"), in.dict(2, "details"));
            case WampMessage.PUBLISHED -> new Published(in.id(1, "request"), in.id(2, "publication"));
            case WampMessage.SUBSCRIBED -> new Subscribed(in.id(1, "request"), in.id(2, "subscription"));
            case WampMessage.UNSUBSCRIBED -> new Unsubscribed(in.id(1, "request"));
            case WampMessage.EVENT -> new Event(in.id(1, "subscription"), in.id(2, "publication"),
                    in.dict(3, "details"), in.payload());
            case WampMessage.RESULT -> new Result(in.id(1, "request"), in.dict(2, "details"), in.payload());
            case WampMessage.REGISTERED -> new Registered(in.id(1, "request"), in.id(2, "registration"));
            case WampMessage.UNREGISTERED -> new Unregistered(in.id(1, "request"));
            case WampMessage.INVOCATION -> new Invocation(in.id(1, "request"), in.id(2, "registration"),
                    in.dict(3, "details"), in.payload());
            case WampMessage.INTERRUPT -> new Interrupt(in.id(1, "request"), in.dict(2, "options"));
            default -> throw new ProtocolViolation("unknown or unsupported message type " + type);
        };
        in.noMoreThan(type);
        return message;
    }

    /** Where a message type's arguments are in its list, or -1 for a type that has none. */
    static int payloadIndex(int type) {
        return switch (type) {
            case WampMessage.ERROR -> 5;
            case WampMessage.PUBLISH, WampMessage.EVENT, WampMessage.CALL, WampMessage.INVOCATION -> 4;
            case WampMessage.RESULT, WampMessage.YIELD -> 3;
            default -> -1;
        };
    }

    /** Positional reads with messages that say which element is wrong. */
    private static final class Reader {
        private final ArrayNode frame;
        private final Payload payload;
        private final int payloadElements;
        private int highest;

        Reader(ArrayNode frame, Payload payload, int payloadElements) {
            this.frame = frame;
            this.payload = payload;
            this.payloadElements = payloadElements;
        }

        private JsonNode required(int index, String what) throws ProtocolViolation {
            highest = Math.max(highest, index);
            JsonNode node = frame.get(index);
            if (node == null) {
                throw new ProtocolViolation("message " + frame.get(0).intValue() + " lacks its " + what);
            }
            return node;
        }

        long id(int index, String what) throws ProtocolViolation {
            JsonNode node = required(index, what);
            if (!node.isIntegralNumber() || !node.canConvertToLong() || !WampIds.isValid(node.longValue())) {
                throw new ProtocolViolation(what + " must be an id in [1, 2^53]");
            }
            return node.longValue();
        }

        int integer(int index, String what) throws ProtocolViolation {
            JsonNode node = required(index, what);
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw new ProtocolViolation(what + " must be an integer");
            }
            return node.intValue();
        }

        String uri(int index, String what) throws ProtocolViolation {
            JsonNode node = required(index, what);
            if (!node.isTextual()) {
                throw new ProtocolViolation(what + " must be a string");
            }
            return node.textValue();
        }

        ObjectNode dict(int index, String what) throws ProtocolViolation {
            JsonNode node = required(index, what);
            if (!node.isObject()) {
                throw new ProtocolViolation(what + " must be a dictionary");
            }
            return (ObjectNode) node;
        }

        /** The arguments and keyword arguments, where {@link #payloadIndex} says they are. */
        Payload payload() throws ProtocolViolation {
            int index = payloadIndex(frame.get(0).intValue());
            if (payload != null) {
                highest = Math.max(highest, index + 1);
                return payload;
            }
            return Payload.of(args(index), kwargs(index + 1));
        }

        private ArrayNode args(int index) throws ProtocolViolation {
            highest = Math.max(highest, index);
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
            highest = Math.max(highest, index);
            JsonNode node = frame.get(index);
            if (node == null) {
                return null;
            }
            if (!node.isObject()) {
                throw new ProtocolViolation("keyword arguments must be a dictionary");
            }
            return (ObjectNode) node;
        }

        void noMoreThan(int type) throws ProtocolViolation {
            int size = frame.size() + payloadElements;
            if (size > highest + 1) {
                throw new ProtocolViolation("message " + type + " has " + size + " elements, at most "
                        + (highest + 1) + " allowed");
            }
        }
    }

    // --- encoding

    /** Writes {@code message} as a WAMP list to any Jackson generator (JSON, MessagePack, CBOR). */
    public static void encode(WampMessage message, JsonGenerator out) throws IOException {
        boolean json = TreeWriter.isJson(out);
        out.writeStartArray();
        out.writeNumber(message.code());
        // A switch on the code, not an instanceof chain: this runs for every message routed.
        switch (message.code()) {
            case WampMessage.HELLO -> {
                Hello m = (Hello) message;
                out.writeString(m.realm());
                tree(out, json, m.details());
            }
            case WampMessage.WELCOME -> {
                Welcome m = (Welcome) message;
                out.writeNumber(m.session());
                tree(out, json, m.details());
            }
            case WampMessage.ABORT -> {
                Abort m = (Abort) message;
                tree(out, json, m.details());
                out.writeString(m.reason());
            }
            case WampMessage.GOODBYE -> {
                Goodbye m = (Goodbye) message;
                tree(out, json, m.details());
                out.writeString(m.reason());
            }
            case WampMessage.ERROR -> {
                Error m = (Error) message;
                out.writeNumber(m.requestType());
                out.writeNumber(m.request());
                tree(out, json, m.details());
                out.writeString(m.error());
                m.payload().write(out, json);
            }
            case WampMessage.PUBLISH -> {
                Publish m = (Publish) message;
                out.writeNumber(m.request());
                tree(out, json, m.options());
                out.writeString(m.topic());
                m.payload().write(out, json);
            }
            case WampMessage.PUBLISHED -> {
                Published m = (Published) message;
                out.writeNumber(m.request());
                out.writeNumber(m.publication());
            }
            case WampMessage.SUBSCRIBE -> {
                Subscribe m = (Subscribe) message;
                out.writeNumber(m.request());
                tree(out, json, m.options());
                out.writeString(m.topic());
            }
            case WampMessage.SUBSCRIBED -> {
                Subscribed m = (Subscribed) message;
                out.writeNumber(m.request());
                out.writeNumber(m.subscription());
            }
            case WampMessage.UNSUBSCRIBE -> {
                Unsubscribe m = (Unsubscribe) message;
                out.writeNumber(m.request());
                out.writeNumber(m.subscription());
            }
            case WampMessage.UNSUBSCRIBED -> {
                Unsubscribed m = (Unsubscribed) message;
                out.writeNumber(m.request());
            }
            case WampMessage.EVENT -> {
                Event m = (Event) message;
                out.writeNumber(m.subscription());
                out.writeNumber(m.publication());
                tree(out, json, m.details());
                m.payload().write(out, json);
            }
            case WampMessage.CALL -> {
                Call m = (Call) message;
                out.writeNumber(m.request());
                tree(out, json, m.options());
                out.writeString(m.procedure());
                m.payload().write(out, json);
            }
            case WampMessage.CANCEL -> {
                Cancel m = (Cancel) message;
                out.writeNumber(m.request());
                tree(out, json, m.options());
            }
            case WampMessage.RESULT -> {
                Result m = (Result) message;
                out.writeNumber(m.request());
                tree(out, json, m.details());
                m.payload().write(out, json);
            }
            case WampMessage.REGISTER -> {
                Register m = (Register) message;
                out.writeNumber(m.request());
                tree(out, json, m.options());
                out.writeString(m.procedure());
            }
            case WampMessage.REGISTERED -> {
                Registered m = (Registered) message;
                out.writeNumber(m.request());
                out.writeNumber(m.registration());
            }
            case WampMessage.UNREGISTER -> {
                Unregister m = (Unregister) message;
                out.writeNumber(m.request());
                out.writeNumber(m.registration());
            }
            case WampMessage.UNREGISTERED -> {
                Unregistered m = (Unregistered) message;
                out.writeNumber(m.request());
            }
            case WampMessage.INVOCATION -> {
                Invocation m = (Invocation) message;
                out.writeNumber(m.request());
                out.writeNumber(m.registration());
                tree(out, json, m.details());
                m.payload().write(out, json);
            }
            case WampMessage.INTERRUPT -> {
                Interrupt m = (Interrupt) message;
                out.writeNumber(m.request());
                tree(out, json, m.options());
            }
            case WampMessage.YIELD -> {
                Yield m = (Yield) message;
                out.writeNumber(m.request());
                tree(out, json, m.options());
                m.payload().write(out, json);
            }
            default -> throw new IllegalArgumentException("no encoding for message " + message.code());
        }
        out.writeEndArray();
    }

    private static void tree(JsonGenerator out, boolean json, JsonNode node) throws IOException {
        TreeWriter.write(out, node == null ? dict() : node, json);
    }
}
