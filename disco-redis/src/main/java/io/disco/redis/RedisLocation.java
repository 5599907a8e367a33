package io.disco.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A Redis that services share, and how to reach it: parsed once from a flag's value and the
 * flags that go with it ({@link RedisOptions}).
 *
 * @param uri     where Redis is: {@code redis://}, {@code rediss://} (TLS) or {@code redis-sentinel://}
 * @param prefix  put before every key and channel, so deployments may share one Redis
 * @param caFile  PEM certificates to trust for TLS instead of the platform's
 * @param timeout how long one call may wait for Redis before it fails
 */
public record RedisLocation(RedisURI uri, String prefix, Optional<Path> caFile, Duration timeout) {

    /** The schemes of {@link #parse}. */
    public static final String FORMS = "redis://[USER:PASSWORD@]HOST:PORT[/DB], rediss://... (TLS), "
            + "redis-sentinel://[PASSWORD@]HOST:PORT[,HOST:PORT...][/DB]#MASTER";

    public RedisLocation {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Whether {@code value} names a Redis by its scheme, well formed or not. */
    public static boolean isRedis(String value) {
        return value.startsWith("redis://") || value.startsWith("rediss://") || value.startsWith("redis-sentinel://");
    }

    /**
     * {@code value}, given as {@code flag}, in one of the {@link #FORMS}.
     *
     * @throws IllegalArgumentException in one line naming the flag and the value (without its
     *                                  password) when the value is no Redis, or the CA file does not fit it
     */
    public static RedisLocation parse(String flag, String value, String prefix, Optional<Path> caFile,
            Duration timeout) {
        RedisURI uri;
        boolean hostless;
        try {
            // Lettuce reads a host:port it cannot split as a host name; java.net.URI does not.
            hostless = !value.startsWith("redis-sentinel:") && URI.create(value).getHost() == null;
            uri = RedisURI.create(value);
        } catch (IllegalArgumentException e) {
            throw malformed(flag, value, "not a Redis URI ("
                    + String.valueOf(e.getMessage()).replace(value, shown(value)) + ")");
        }
        if (hostless) {
            throw malformed(flag, value, "needs HOST[:PORT]");
        }
        if (caFile.isPresent()) {
            if (!uri.isSsl()) {
                throw new IllegalArgumentException("--redis-ca-file is for rediss:// only");
            }
            if (!Files.isRegularFile(caFile.get())) {
                throw new IllegalArgumentException("--redis-ca-file " + caFile.get() + ": no such file");
            }
        }
        return new RedisLocation(uri, prefix, caFile, timeout);
    }

    /** {@code flag 'value': why}, the value without its password. */
    public static IllegalArgumentException malformed(String flag, String value, String why) {
        return new IllegalArgumentException(flag + " '" + shown(value) + "': " + why);
    }

    /** The value without the password a Redis URI may carry: start-up errors end up in logs. */
    private static String shown(String value) {
        return value.replaceFirst("//[^/@]*@", "//***@");
    }

    /** Where Redis is, without the password. */
    public String where() {
        String database = uri.getDatabase() == 0 ? "" : "/" + uri.getDatabase();
        if (uri.getSentinelMasterId() != null) {
            StringBuilder sentinels = new StringBuilder();
            for (RedisURI sentinel : uri.getSentinels()) {
                sentinels.append(sentinels.length() == 0 ? "" : ",").append(sentinel.getHost()).append(':')
                        .append(sentinel.getPort());
            }
            return "redis-sentinel://" + sentinels + database + " (master " + uri.getSentinelMasterId() + ")";
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + database;
    }

    @Override
    public String toString() {
        return "Redis at " + where() + ", keys under " + prefix;
    }
}
