package io.disco.signal.wamp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.ByteBufferBackedInputStream;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * The WebSocket subprotocols this router speaks. Each is one Jackson data format over the same
 * {@link WampCodec}, so the router is the same whatever its peers chose, and payloads cross
 * from one serializer to another as trees. JSON frames are read as a stream
 * ({@link JsonFrameReader}), so that JSON payloads stay text between JSON peers.
 */
public enum WampSerializer {
    JSON("wamp.2.json", new JsonFactory(), true),
    MSGPACK("wamp.2.msgpack", new MessagePackFactory(), false),
    CBOR("wamp.2.cbor", new CBORFactory(), false);

    /** Deeper than any offer, answer or meta result; stops stack-exhausting frames early. */
    private static final int MAX_NESTING_DEPTH = 64;

    /**
     * Each routing thread writes its messages into one buffer of its own, sized for a typical offer
     * or answer; a buffer grown past {@link #KEPT_BUFFER_BYTES} by a rare large message is let go.
     */
    private static final ThreadLocal<ScratchBuffer> SCRATCH = ThreadLocal.withInitial(() -> new ScratchBuffer(8192));
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

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

    /** Reads the message from {@code frame}, which it does not keep. */
    public WampMessage decode(byte[] frame) throws ProtocolViolation {
        if (this == JSON) {
            return decodeJson(frame.clone());
        }
        return WampCodec.decode(tree(() -> mapper.readTree(frame)));
    }

    /** Reads the message from the buffer's remaining bytes, which it does not keep. */
    public WampMessage decode(ByteBuffer frame) throws ProtocolViolation {
        if (this == JSON) {
            // The message's payload stays a slice of these bytes: its own copy, not the network's
            // buffer, which Jetty reuses.
            byte[] copy = new byte[frame.remaining()];
            frame.duplicate().get(copy);
            return decodeJson(copy);
        }
        if (frame.hasArray()) {
            byte[] array = frame.array();
            int offset = frame.arrayOffset() + frame.position();
            int length = frame.remaining();
            return WampCodec.decode(tree(() -> mapper.readTree(array, offset, length)));
        }
        // A network (direct) buffer: streamed through the parser's own recycled read buffer
        // rather than copied into a new array per message.
        ByteBuffer view = frame.duplicate();
        return WampCodec.decode(tree(() -> mapper.readTree(new ByteBufferBackedInputStream(view))));
    }

    public WampMessage decode(String frame) throws ProtocolViolation {
        if (this == JSON) {
            return decodeJson(frame.getBytes(StandardCharsets.UTF_8));
        }
        return WampCodec.decode(tree(() -> mapper.readTree(frame)));
    }

    /** A frame of ours, kept by the message it becomes. */
    private WampMessage decodeJson(byte[] frame) throws ProtocolViolation {
        try (JsonParser in = mapper.createParser(frame)) {
            return JsonFrameReader.read(in, frame);
        } catch (JsonProcessingException e) {
            throw notValid(e);
        } catch (IOException e) {
            throw new ProtocolViolation("frame cannot be read: " + e.getMessage());
        }
    }

    ObjectMapper mapper() {
        return mapper;
    }

    public byte[] encode(WampMessage message) {
        ByteBuffer encoded = encodeTransient(message);
        byte[] copy = new byte[encoded.remaining()];
        encoded.get(copy);
        return copy;
    }

    /**
     * Encodes into the calling thread's own buffer, and returns a view of it that is valid only
     * until the thread encodes its next message: for a caller that copies it at once (into a
     * pooled network buffer), so that encoding allocates nothing per message.
     */
    public ByteBuffer encodeTransient(WampMessage message) {
        ScratchBuffer out = SCRATCH.get();
        out.reset();
        try (JsonGenerator generator = mapper.createGenerator(out)) {
            WampCodec.encode(message, generator);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode message " + message.code(), e);
        }
        ByteBuffer view = out.view();
        if (out.capacity() > KEPT_BUFFER_BYTES) {
            // The view keeps the grown array alive for its caller; the thread starts afresh.
            SCRATCH.remove();
        }
        return view;
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

    /** A byte stream whose written bytes can be viewed without copying them. */
    private static final class ScratchBuffer extends ByteArrayOutputStream {

        ScratchBuffer(int size) {
            super(size);
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(buf, 0, count).asReadOnlyBuffer();
        }

        int capacity() {
            return buf.length;
        }
    }

    private interface Parse {
        JsonNode parse() throws IOException;
    }

    private ProtocolViolation notValid(JsonProcessingException e) {
        return new ProtocolViolation("frame is not valid " + subprotocol + ": " + e.getOriginalMessage());
    }

    private JsonNode tree(Parse parse) throws ProtocolViolation {
        try {
            JsonNode node = parse.parse();
            if (node == null || node.isMissingNode()) {
                throw new ProtocolViolation("empty frame");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw notValid(e);
        } catch (IOException e) {
            throw new ProtocolViolation("frame cannot be read: " + e.getMessage());
        }
    }
}
