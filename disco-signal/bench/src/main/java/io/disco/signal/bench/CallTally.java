package io.disco.signal.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * The calls of a run: sent, completed, timed out and answered after their timeout; and the
 * latencies of those completed while the measured window is open.
 */
final class CallTally {

    final LongAdder sent = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder lateResults = new LongAdder();
    final LatencyRecorder latencies = new LatencyRecorder();
    private volatile boolean measuring;

    void openWindow() {
        measuring = true;
    }

    void closeWindow() {
        measuring = false;
    }

    /** A call answered {@code latencyNanos} after it was due. */
    void complete(long latencyNanos) {
        completed.increment();
        if (measuring) {
            latencies.add(latencyNanos);
        }
    }
}
