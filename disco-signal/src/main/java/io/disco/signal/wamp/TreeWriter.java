package io.disco.signal.wamp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a tree decoded from one serializer to another, applying WAMP's convention for binary
 * data in JSON (a string of a NUL character followed by the bytes in base64): a MessagePack or
 * CBOR byte string reaches a JSON peer as such a string, and such a string from a JSON peer
 * reaches a MessagePack or CBOR peer as bytes. Between peers of the same kind nothing changes.
 */
final class TreeWriter {

    private static final char BINARY_MARK = '\0';

    private TreeWriter() {
    }

    /** Whether {@code out}, from one of the {@link WampSerializer}s' mappers, writes JSON. */
    static boolean isJson(JsonGenerator out) {
        // Not canWriteBinaryNatively(): the MessagePack generator writes bytes natively yet says it cannot.
        return JsonFactory.FORMAT_NAME_JSON.equals(out.getCodec().getFactory().getFormatName());
    }

    /** Writes {@code node} to {@code out}, which writes JSON if {@code json} ({@link #isJson}). */
    static void write(JsonGenerator out, JsonNode node, boolean json) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    out.writeFieldName(field.getKey());
                    write(out, field.getValue(), json);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : node) {
                    write(out, element, json);
                }
                out.writeEndArray();
            }
            case STRING -> string(out, node.textValue(), json);
            case BINARY -> binary(out, node.binaryValue(), json);
            case NUMBER -> number(out, node);
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case POJO -> out.writeObject(((POJONode) node).getPojo());
            default -> out.writeNull();
        }
    }

    private static void number(JsonGenerator out, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT -> out.writeNumber(node.intValue());
            case LONG -> out.writeNumber(node.longValue());
            case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
            case FLOAT -> out.writeNumber(node.floatValue());
            case DOUBLE -> out.writeNumber(node.doubleValue());
            default -> out.writeNumber(node.decimalValue());
        }
    }

    private static void string(JsonGenerator out, String text, boolean json) throws IOException {
        if (!json && !text.isEmpty() && text.charAt(0) == BINARY_MARK) {
            try {
                out.writeBinary(Base64.getDecoder().decode(text.substring(1)));
                return;
            } catch (IllegalArgumentException notBase64) {
                // A string that merely starts with NUL: it stays a string.
            }
        }
        out.writeString(text);
    }

    private static void binary(JsonGenerator out, byte[] bytes, boolean json) throws IOException {
        if (!json) {
            out.writeBinary(bytes);
        } else {
            out.writeString(BINARY_MARK + Base64.getEncoder().encodeToString(bytes));
        }
    }
}
