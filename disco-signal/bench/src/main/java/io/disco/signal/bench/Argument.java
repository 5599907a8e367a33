package io.disco.signal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The one string argument a CALL or a YIELD carries, as text and as the JSON its message ends with
 * ({@code ,["..."]]}), which an INVOCATION's or a RESULT's ends with too when the router passes
 * arguments through byte for byte. Writing and checking them as bytes keeps Jackson's string
 * escaping and tree parsing (a tenth of the driver's CPU per call) off its one core.
 */
final class Argument {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final String text;
    private final byte[] json;

    private Argument(String text) {
        this.text = text;
        this.json = ascii(",[\"" + text + "\"]]");
    }

    /** {@code bytes} ASCII characters starting with {@code tag}, so caller's and callee's differ. */
    static Argument tagged(char tag, int bytes) {
        StringBuilder text = new StringBuilder(bytes);
        text.append(tag);
        for (int i = 1; i < bytes; i++) {
            text.append(ALPHABET.charAt(i % ALPHABET.length()));
        }
        return new Argument(text.toString());
    }

    /** The arguments' JSON that a message written by hand ends with. */
    byte[] json() {
        return json;
    }

    /** Whether the frame ends with these arguments exactly as they were sent. */
    boolean ends(ByteBuffer frame) {
        int start = frame.limit() - json.length;
        return start >= frame.position() && frame.slice(start, json.length).equals(ByteBuffer.wrap(json));
    }

    /** Whether decoded arguments are this payload, for a router that re-wrote them (other spacing, escapes). */
    boolean matches(ArrayNode args) {
        if (args == null || args.size() != 1) {
            return false;
        }
        JsonNode value = args.get(0);
        return value.isTextual() && value.textValue().equals(text);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
