package io.disco.signal.bench;

import java.util.Arrays;

/** Latencies in ns of the calls completed in the measured window; exact percentiles. */
final class LatencyRecorder {

    private static final int MAX = 50_000_000;   // 400 MB; far beyond a 2-core run

    private long[] values = new long[1 << 16];
    private int size;
    private long dropped;

    synchronized void add(long nanos) {
        if (size == values.length) {
            if (size >= MAX) {
                dropped++;
                return;
            }
            values = Arrays.copyOf(values, Math.min(MAX, size * 2));
        }
        values[size++] = nanos;
    }

    synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    /** The p-th percentile (nearest rank) of sorted latencies; 0 when there are none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
