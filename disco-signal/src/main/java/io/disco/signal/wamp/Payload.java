package io.disco.signal.wamp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The arguments and keyword arguments of a CALL, INVOCATION, YIELD, RESULT, ERROR, PUBLISH or
 * EVENT, which the router passes on without looking inside.
 *
 * <p>From a JSON peer they stay the JSON text they arrived as, and reach JSON peers byte for byte:
 * parsing a 2 KB offer into a tree and writing the tree out again was a sixth of the router's CPU
 * per routed call. The text is parsed only when something reads it: a MessagePack or CBOR peer,
 * the meta API, a test. Either way {@link #args()} and {@link #kwargs()} are the trees, and two
 * payloads are equal when their trees are.
 */
public final class Payload {

    /** No arguments at all: nothing is written after the message's other elements. */
    public static final Payload NONE = new Payload(null, null, new Trees(null, null));

    /** The text of the list of arguments, and of the keyword arguments' dictionary or null. */
    private final RawJson argsJson;
    private final RawJson kwargsJson;
    private volatile Trees trees;

    private record Trees(ArrayNode args, ObjectNode kwargs) {
    }

    private Payload(RawJson argsJson, RawJson kwargsJson, Trees trees) {
        this.argsJson = argsJson;
        this.kwargsJson = kwargsJson;
        this.trees = trees;
    }

    /** A payload of trees; {@code null} for either means absent. */
    public static Payload of(ArrayNode args, ObjectNode kwargs) {
        return args == null && kwargs == null ? NONE : new Payload(null, null, new Trees(args, kwargs));
    }

    /**
     * A payload as JSON text, as the frame's reader found it: a list, and a dictionary or
     * {@code null}. Their arrays are kept, not copied.
     */
    static Payload json(RawJson args, RawJson kwargs) {
        return new Payload(args, kwargs, null);
    }

    /**
     * Whether it is still the JSON text it arrived as, which a JSON peer, here or on another
     * router, gets byte for byte.
     */
    public boolean isJsonText() {
        return argsJson != null;
    }

    public ArrayNode args() {
        return trees().args();
    }

    public ObjectNode kwargs() {
        return trees().kwargs();
    }

    /** Writes the elements (none, the arguments, or both) to a message being encoded. */
    void write(JsonGenerator out, boolean jsonOut) throws IOException {
        if (argsJson != null && jsonOut) {
            out.writeRawValue(argsJson);
            if (kwargsJson != null) {
                out.writeRawValue(kwargsJson);
            }
            return;
        }
        Trees parsed = trees();
        if (parsed.args() == null && parsed.kwargs() == null) {
            return;
        }
        // Arguments are written as an empty list when only keyword arguments are present.
        TreeWriter.write(out, parsed.args() == null ? WampCodec.list() : parsed.args(), jsonOut);
        if (parsed.kwargs() != null) {
            TreeWriter.write(out, parsed.kwargs(), jsonOut);
        }
    }

    private Trees trees() {
        Trees parsed = trees;
        if (parsed == null) {
            // Two threads may both parse: the results are equal, and either may be kept.
            parsed = parse();
            trees = parsed;
        }
        return parsed;
    }

    private Trees parse() {
        try {
            return new Trees((ArrayNode) argsJson.tree(), kwargsJson == null ? null : (ObjectNode) kwargsJson.tree());
        } catch (IOException e) {
            // The frame's reader has read this text once already.
            throw new UncheckedIOException("payload text no longer parses", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payload that && Objects.equals(args(), that.args())
                && Objects.equals(kwargs(), that.kwargs());
    }

    @Override
    public int hashCode() {
        return Objects.hash(args(), kwargs());
    }

    @Override
    public String toString() {
        return "Payload[args=" + args() + ", kwargs=" + kwargs() + "]";
    }
}
