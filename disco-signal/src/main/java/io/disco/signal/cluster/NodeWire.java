package io.disco.signal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.disco.signal.wamp.WampMessage.WithPayload;
import io.disco.signal.wamp.WampSerializer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@link NodeMessage}s on the wire: the layout's version, the kind, the realm, the fields, and
 * last the WAMP message itself as a session would send it, in the serializer its arguments are
 * held in. A JSON peer's arguments cross as the text they came as and reach a JSON peer on the
 * other router byte for byte, parsed only if a MessagePack or CBOR peer there reads them, as
 * within one router. Arguments held as values (from a MessagePack or CBOR peer, or made by the
 * router) cross as MessagePack, so that binary stays binary.
 *
 * <p>A string is its length in UTF-8 bytes (4 bytes) and those bytes; numbers are big-endian.
 */
final class NodeWire {

    /** Changes with the layout, so that a router drops what another version sends rather than misread it. */
    private static final byte VERSION = 2;

    private static final byte INVOKE = 1;
    private static final byte CANCEL = 2;
    private static final byte LEFT = 3;
    private static final byte ANSWER = 4;
    private static final byte PUBLICATION = 5;

    /** The WAMP message's serializer; not the enum's ordinals, which may be reordered. */
    private static final byte JSON = 1;
    private static final byte MSGPACK = 2;

    private static final ObjectMapper DISCLOSED = new ObjectMapper();

    private NodeWire() {
    }

    static byte[] encode(NodeMessage message) {
        ByteArrayOutputStream head = new ByteArrayOutputStream(96);
        DataOutputStream out = new DataOutputStream(head);
        WampMessage wamp;
        try {
            out.writeByte(VERSION);
            if (message instanceof Invoke invoke) {
                fields(out, INVOKE, invoke.realm(), invoke.caller());
                Authentication who = invoke.who();
                string(out, who.authid());
                string(out, who.authrole());
                string(out, who.authmethod());
                string(out, who.authprovider());
                wamp = invoke.call();
            } else if (message instanceof CancelCall cancel) {
                fields(out, CANCEL, cancel.realm(), cancel.caller());
                wamp = cancel.cancel();
            } else if (message instanceof CallerLeft left) {
                fields(out, LEFT, left.realm(), left.caller());
                wamp = null;
            } else if (message instanceof Answer answer) {
                fields(out, ANSWER, answer.realm(), answer.session());
                wamp = answer.message();
            } else if (message instanceof Publication publication) {
                fields(out, PUBLICATION, publication.realm(), publication.publication());
                out.writeBoolean(publication.disclosed() != null);
                if (publication.disclosed() != null) {
                    bytes(out, DISCLOSED.writeValueAsBytes(publication.disclosed()));
                }
                wamp = publication.publish();
            } else {
                throw new IllegalArgumentException("no wire form for " + message);
            }
            if (wamp == null) {
                return head.toByteArray();
            }
            out.writeByte(asText(wamp) ? JSON : MSGPACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer body = (asText(wamp) ? WampSerializer.JSON : WampSerializer.MSGPACK).encodeTransient(wamp);
        byte[] bytes = new byte[head.size() + body.remaining()];
        System.arraycopy(head.toByteArray(), 0, bytes, 0, head.size());
        body.get(bytes, head.size(), body.remaining());
        return bytes;
    }

    /**
     * The message {@code bytes} hold.
     *
     * @throws IllegalArgumentException if they hold none this router reads
     */
    static NodeMessage decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("written by a router of another version");
            }
            byte kind = in.get();
            String realm = string(in);
            long id = in.getLong();
            return switch (kind) {
                case INVOKE -> new Invoke(realm, id, new Authentication(string(in), string(in), string(in), string(in)),
                        wamp(in, Call.class));
                case CANCEL -> new CancelCall(realm, id, wamp(in, Cancel.class));
                case LEFT -> new CallerLeft(realm, id);
                case ANSWER -> new Answer(realm, id, wamp(in, WampMessage.class));
                case PUBLICATION -> new Publication(realm, id, in.get() != 0 ? disclosed(in) : null,
                        wamp(in, Publish.class));
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            };
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("ends early", e);
        }
    }

    private static void fields(DataOutputStream out, byte kind, String realm, long id) throws IOException {
        out.writeByte(kind);
        string(out, realm);
        out.writeLong(id);
    }

    /** Whether {@code wamp} crosses as JSON: its arguments are a JSON peer's text. */
    private static boolean asText(WampMessage wamp) {
        return wamp instanceof WithPayload withPayload && withPayload.payload().isJsonText();
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        bytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a length of " + length + " with " + in.remaining() + " bytes left");
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    private static ObjectNode disclosed(ByteBuffer in) {
        try {
            JsonNode node = DISCLOSED.readTree(bytes(in));
            if (!(node instanceof ObjectNode details)) {
                throw new IllegalArgumentException("the publisher's disclosure is no dictionary");
            }
            return details;
        } catch (IOException e) {
            throw new IllegalArgumentException("the publisher's disclosure is not JSON: " + e.getMessage(), e);
        }
    }

    private static <T extends WampMessage> T wamp(ByteBuffer in, Class<T> type) {
        WampSerializer serializer = switch (in.get()) {
            case JSON -> WampSerializer.JSON;
            case MSGPACK -> WampSerializer.MSGPACK;
            default -> throw new IllegalArgumentException("unknown serializer");
        };
        try {
            WampMessage message = serializer.decode(in);
            if (!type.isInstance(message)) {
                throw new IllegalArgumentException("expected " + type.getSimpleName() + ", not " + message.code());
            }
            return type.cast(message);
        } catch (ProtocolViolation e) {
            throw new IllegalArgumentException("no WAMP message: " + e.getMessage(), e);
        }
    }
}
