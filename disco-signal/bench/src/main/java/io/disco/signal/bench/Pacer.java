package io.disco.signal.bench;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The paced mode's open loop: call n is due when the {@link CallSchedule} says, on session
 * n mod N; a call found late goes out at once, and its latency still counts from when it was due
 * (no coordinated omission).
 */
final class Pacer implements Runnable {

    private final List<Peer> peers;
    private final LoadPhase phase;
    private final long start;
    private final long end;
    private final CallSchedule schedule;

    /** Calls from {@code start} until {@code end} (System.nanoTime()) or until the phase stops running. */
    Pacer(List<Peer> peers, LoadPhase phase, long start, long end, CallSchedule schedule) {
        this.peers = peers;
        this.phase = phase;
        this.start = start;
        this.end = end;
        this.schedule = schedule;
    }

    @Override
    public void run() {
        long n = 0;
        while (phase.running()) {
            long due = start + schedule.due(n);
            if (due >= end) {
                break;
            }
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            peers.get((int) (n % peers.size())).call(due);
            n++;
        }
    }
}
