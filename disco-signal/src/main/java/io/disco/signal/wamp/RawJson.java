package io.disco.signal.wamp;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text kept as the UTF-8 bytes it arrived as, in a slice of a frame's array, for Jackson's
 * JSON generator to copy as a raw value ({@code writeRawValue}), which it does through
 * {@link #appendUnquotedUTF8}. The character forms exist for the interface; they decode.
 */
record RawJson(byte[] bytes, int offset, int length) implements SerializableString {

    /** The value this text is, as a tree. */
    JsonNode tree() throws IOException {
        return WampSerializer.JSON.mapper().readTree(bytes, offset, length);
    }

    @Override
    public String getValue() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        if (at + length > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, offset, buffer, at, length);
        return length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) {
            return -1;
        }
        buffer.put(bytes, offset, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
        return copy(getValue().toCharArray(), buffer, at);
    }

    @Override
    public char[] asQuotedChars() {
        return JsonStringEncoder.getInstance().quoteAsString(getValue());
    }

    @Override
    public byte[] asQuotedUTF8() {
        return JsonStringEncoder.getInstance().quoteAsUTF8(getValue());
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int at) {
        byte[] quoted = asQuotedUTF8();
        if (at + quoted.length > buffer.length) {
            return -1;
        }
        System.arraycopy(quoted, 0, buffer, at, quoted.length);
        return quoted.length;
    }

    @Override
    public int appendQuoted(char[] buffer, int at) {
        return copy(asQuotedChars(), buffer, at);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        byte[] quoted = asQuotedUTF8();
        out.write(quoted);
        return quoted.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        byte[] quoted = asQuotedUTF8();
        if (buffer.remaining() < quoted.length) {
            return -1;
        }
        buffer.put(quoted);
        return quoted.length;
    }

    private static int copy(char[] chars, char[] buffer, int at) {
        if (at + chars.length > buffer.length) {
            return -1;
        }
        System.arraycopy(chars, 0, buffer, at, chars.length);
        return chars.length;
    }

    @Override
    public String toString() {
        return getValue();
    }
}
