package io.disco.redis;

/** A connection to the shared Redis could not be made: start-up stops with this one line. */
public final class RedisUnreachableException extends RuntimeException {

    public RedisUnreachableException(RedisLocation location, Throwable cause) {
        super("cannot reach Redis at " + location.where() + ": " + SharedRedis.reason(cause), cause);
    }
}
