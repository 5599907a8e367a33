package io.disco.signal.router;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Which of a shared registration's callees gets a call. */
enum InvokePolicy {
    SINGLE,
    ROUNDROBIN,
    RANDOM,
    FIRST,
    LAST;

    /** @return the policy named in REGISTER options, or {@code null} for an unknown name */
    static InvokePolicy named(String name) {
        if (name == null) {
            return SINGLE;
        }
        for (InvokePolicy policy : values()) {
            if (policy.wireName().equals(name)) {
                return policy;
            }
        }
        return null;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return a callee, or {@code null} when none is left */
    WampSession pick(List<WampSession> callees, AtomicInteger turn) {
        int size = callees.size();
        if (size == 0) {
            return null;
        }
        int index = switch (this) {
            case SINGLE, FIRST -> 0;
            case LAST -> size - 1;
            case RANDOM -> ThreadLocalRandom.current().nextInt(size);
            case ROUNDROBIN -> Math.floorMod(turn.getAndIncrement(), size);
        };
        try {
            return callees.get(index);
        } catch (IndexOutOfBoundsException shrunk) {
            // A callee left between size() and get(): take whoever is first now.
            return callees.isEmpty() ? null : callees.get(0);
        }
    }
}
