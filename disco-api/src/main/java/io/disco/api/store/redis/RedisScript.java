package io.disco.api.store.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script of the store, from this package's resources, run with EVALSHA so that only its
 * digest travels per call. A Redis that does not know it (first use, or restarted since) gets the
 * whole script once, with EVAL, which also caches it there.
 */
final class RedisScript {

    private final String name;
    private final byte[] source;
    private final String digest;
    private final ScriptOutputType output;

    private RedisScript(String name, byte[] source, String digest, ScriptOutputType output) {
        this.name = name;
        this.source = source;
        this.digest = digest;
        this.output = output;
    }

    static RedisScript load(String name, ScriptOutputType output) {
        try (InputStream in = RedisScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("script " + name + ".lua is missing from the jar");
            }
            byte[] source = in.readAllBytes();
            return new RedisScript(name, source, sha1(source), output);
        } catch (IOException e) {
            throw new UncheckedIOException("script " + name + ".lua could not be read", e);
        }
    }

    /** The script's name in Redis's script cache. */
    private static String sha1(byte[] source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    <T> T run(RedisCommands<String, byte[]> redis, byte[]... args) {
        try {
            return redis.evalsha(digest, output, new String[0], args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, output, new String[0], args);
        }
    }

    @Override
    public String toString() {
        return name + ".lua";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Object value) {
        return new String((byte[]) value, StandardCharsets.UTF_8);
    }
}
