package io.disco.signal.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What went wrong in a run: a count per kind, and the first few occurrences in words. */
final class RunErrors {

    private static final int MAX_SAMPLES = 10;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<String> samples = new ArrayList<>();

    void count(String kind, String detail) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
        sample(kind + ": " + detail);
    }

    /** Notes what happened without counting it as an error (a timeout is counted apart). */
    void sample(String text) {
        synchronized (samples) {
            if (samples.size() < MAX_SAMPLES) {
                samples.add(text);
            }
        }
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** "kind:count,..." with no spaces, for the RESULT line. */
    String kinds() {
        StringBuilder kinds = new StringBuilder();
        new TreeMap<>(counts).forEach((kind, n) -> kinds.append(kinds.length() > 0 ? "," : "")
                .append(kind.replace(' ', '_')).append(':').append(n.sum()));
        return kinds.toString();
    }

    void print() {
        if (!counts.isEmpty()) {
            System.err.println("LoadDriver: ERROR: counts " + kinds());
        }
        synchronized (samples) {
            samples.forEach(sample -> System.err.println("LoadDriver: ERROR: " + sample));
        }
    }
}
