package io.disco.signal.bench;

/**
 * When the paced mode's calls are due, as nanoseconds from the start: the rate climbs evenly from
 * nothing to its full value over the ramp, then holds. A router started cold runs interpreted
 * code until its hot paths are compiled; at full rate from the first second it falls behind by
 * more than the calls' timeout and spends the warm-up draining that backlog, which can still be
 * draining when the measured window opens.
 */
final class CallSchedule {

    private final double interval;
    private final long rampNanos;
    /** Calls due during the ramp: half of what the full rate would send in that time. */
    private final double rampCalls;

    CallSchedule(int callsPerSecond, long rampNanos) {
        this.interval = 1e9 / callsPerSecond;
        this.rampNanos = rampNanos;
        this.rampCalls = rampNanos / interval / 2;
    }

    /** When call {@code n} (from 0) is due. */
    long due(long n) {
        if (n < rampCalls) {
            // At rate r·t/T, the calls due by time t are r·t²/2T: call n is due at T·sqrt(n / (r·T/2)).
            return (long) (rampNanos * Math.sqrt(n / rampCalls));
        }
        return rampNanos + (long) ((n - rampCalls) * interval);
    }
}
