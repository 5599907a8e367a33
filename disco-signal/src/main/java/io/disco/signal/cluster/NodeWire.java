package io.disco.signal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.cluster.NodeMessage.Answer;
import io.disco.signal.cluster.NodeMessage.CallerLeft;
import io.disco.signal.cluster.NodeMessage.CancelCall;
import io.disco.signal.cluster.NodeMessage.Invoke;
import io.disco.signal.cluster.NodeMessage.Publication;
import io.disco.signal.router.Authentication;
import io.disco.signal.wamp.ProtocolViolation;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Publish;
import io.disco.signal.wamp.WampSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * {@link NodeMessage}s on the wire: a MessagePack array of a kind, the realm, the fields, and the
 * WAMP message itself in MessagePack as a session would send it, so that arguments pass
 * untouched and binary stays binary whatever serializer the sessions at either end speak.
 */
final class NodeWire {

    private static final ObjectMapper MSGPACK = new ObjectMapper(new MessagePackFactory());

    private NodeWire() {
    }

    static byte[] encode(NodeMessage message) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ArrayNode out = nodes.arrayNode();
        if (message instanceof Invoke invoke) {
            out.add("invoke").add(invoke.realm()).add(invoke.caller());
            Authentication who = invoke.who();
            out.add(who.authid()).add(who.authrole()).add(who.authmethod()).add(who.authprovider());
            out.add(wamp(invoke.call()));
        } else if (message instanceof CancelCall cancel) {
            out.add("cancel").add(cancel.realm()).add(cancel.caller()).add(wamp(cancel.cancel()));
        } else if (message instanceof CallerLeft left) {
            out.add("left").add(left.realm()).add(left.caller());
        } else if (message instanceof Answer answer) {
            out.add("answer").add(answer.realm()).add(answer.session()).add(wamp(answer.message()));
        } else if (message instanceof Publication publication) {
            out.add("publication").add(publication.realm()).add(publication.publication());
            out.add(publication.disclosed() == null ? nodes.nullNode() : publication.disclosed());
            out.add(wamp(publication.publish()));
        }
        try {
            return MSGPACK.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The message {@code bytes} hold.
     *
     * @throws IllegalArgumentException if they hold none this router reads
     */
    static NodeMessage decode(byte[] bytes) {
        JsonNode in;
        try {
            in = MSGPACK.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not MessagePack: " + e.getMessage(), e);
        }
        if (!in.isArray() || in.size() < 3) {
            throw new IllegalArgumentException("not a message between routers");
        }
        String realm = in.get(1).asText();
        long id = in.get(2).asLong();
        return switch (in.get(0).asText()) {
            case "invoke" -> new Invoke(realm, id, new Authentication(in.path(3).asText(), in.path(4).asText(),
                    in.path(5).asText(), in.path(6).asText()), wamp(in.path(7), Call.class));
            case "cancel" -> new CancelCall(realm, id, wamp(in.path(3), Cancel.class));
            case "left" -> new CallerLeft(realm, id);
            case "answer" -> new Answer(realm, id, wamp(in.path(3), WampMessage.class));
            case "publication" -> new Publication(realm, id, in.path(3).isObject() ? (ObjectNode) in.get(3) : null,
                    wamp(in.path(4), Publish.class));
            default -> throw new IllegalArgumentException("unknown kind " + in.get(0));
        };
    }

    private static byte[] wamp(WampMessage message) {
        return WampSerializer.MSGPACK.encode(message);
    }

    private static <T extends WampMessage> T wamp(JsonNode bytes, Class<T> type) {
        try {
            WampMessage message = WampSerializer.MSGPACK.decode(bytes.binaryValue());
            if (!type.isInstance(message)) {
                throw new IllegalArgumentException("expected " + type.getSimpleName() + ", not " + message.code());
            }
            return type.cast(message);
        } catch (IOException | ProtocolViolation e) {
            throw new IllegalArgumentException("no WAMP message: " + e.getMessage(), e);
        }
    }
}
