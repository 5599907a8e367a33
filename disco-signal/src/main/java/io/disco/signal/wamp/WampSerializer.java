package io.disco.signal.wamp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Optional;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * The WebSocket subprotocols this router speaks. Each is one Jackson data format over the same
 * {@link WampCodec}, so the router is the same whatever its peers chose, and payloads cross
 * from one serializer to another as trees.
 */
public enum WampSerializer {
    JSON("wamp.2.json", new JsonFactory(), true),
    MSGPACK("wamp.2.msgpack", new MessagePackFactory(), false),
    CBOR("wamp.2.cbor", new CBORFactory(), false);

    /** Deeper than any offer, answer or meta result; stops stack-exhausting frames early. */
    private static final int MAX_NESTING_DEPTH = 64;

    private final String subprotocol;
    private final ObjectMapper mapper;
    private final boolean text;

    WampSerializer(String subprotocol, JsonFactory factory, boolean text) {
        this.subprotocol = subprotocol;
        factory.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
        this.mapper = new ObjectMapper(factory);
        this.text = text;
    }

    public static Optional<WampSerializer> forSubprotocol(String name) {
        for (WampSerializer serializer : values()) {
            if (serializer.subprotocol.equals(name)) {
                return Optional.of(serializer);
            }
        }
        return Optional.empty();
    }

    public String subprotocol() {
        return subprotocol;
    }

    /** Whether its frames are WebSocket text frames (JSON) rather than binary ones. */
    public boolean isText() {
        return text;
    }

    public WampMessage decode(byte[] frame) throws ProtocolViolation {
        return WampCodec.decode(tree(() -> mapper.readTree(frame)));
    }

    public WampMessage decode(String frame) throws ProtocolViolation {
        return WampCodec.decode(tree(() -> mapper.readTree(frame)));
    }

    public byte[] encode(WampMessage message) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(256);
             JsonGenerator generator = mapper.createGenerator(out)) {
            WampCodec.encode(message, generator);
            generator.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode message " + message.code(), e);
        }
    }

    /** Only for the text serializer (JSON), whose frames are strings. */
    public String encodeText(WampMessage message) {
        if (!text) {
            throw new IllegalStateException(subprotocol + " frames are binary");
        }
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = mapper.createGenerator(out)) {
            WampCodec.encode(message, generator);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode message " + message.code(), e);
        }
        return out.toString();
    }

    private interface Parse {
        JsonNode parse() throws IOException;
    }

    private JsonNode tree(Parse parse) throws ProtocolViolation {
        try {
            JsonNode node = parse.parse();
            if (node == null || node.isMissingNode()) {
                throw new ProtocolViolation("empty frame");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ProtocolViolation("frame is not valid " + subprotocol + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProtocolViolation("frame cannot be read: " + e.getMessage());
        }
    }
}
