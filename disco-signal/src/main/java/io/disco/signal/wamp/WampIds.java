package io.disco.signal.wamp;

import java.util.concurrent.ThreadLocalRandom;

/** WAMP ids: integers in [1, 2^53], so that every client language holds them exactly. */
public final class WampIds {

    public static final long MAX = 1L << 53;

    private WampIds() {
    }

    /** A random global-scope id (sessions, publications): unguessable enough, never 0. */
    public static long random() {
        return ThreadLocalRandom.current().nextLong(1, MAX + 1);
    }

    public static boolean isValid(long id) {
        return id >= 1 && id <= MAX;
    }
}
