package io.disco.signal.bench;

import static io.disco.signal.bench.Result.fmt;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The saturate and paced modes: sessions in a ring, each calling the next one's procedure, closed
 * loop or at a fixed rate; after the warm-up, one measured window whose edges read /proc.
 */
final class CallLoad {

    private final DriverOptions options;
    private final Sessions sessions;
    private final LoadPhase phase;
    private final CallTally tally;
    private final RunErrors errors;

    CallLoad(DriverOptions options, Sessions sessions, LoadPhase phase, CallTally tally, RunErrors errors) {
        this.options = options;
        this.sessions = sessions;
        this.phase = phase;
        this.tally = tally;
        this.errors = errors;
    }

    void run(Result result) throws Exception {
        List<Peer> peers = sessions.open(options.sessions(), false);
        if (peers.size() < options.sessions()) {
            throw new IllegalStateException("only " + peers.size() + " of " + options.sessions() + " sessions joined");
        }
        sessions.registerInRing(peers);
        boolean closedLoop = options.mode() == DriverOptions.Mode.SATURATE;

        long start = System.nanoTime();
        phase.start();
        Thread pacer = null;
        if (closedLoop) {
            for (Peer peer : peers) {
                peer.call(System.nanoTime());
            }
        } else {
            long end = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds() + options.seconds());
            // The first half of the warm-up climbs to the full rate, the second runs at it.
            CallSchedule schedule = new CallSchedule(options.rate(), TimeUnit.SECONDS.toNanos(options.warmupSeconds()) / 2);
            pacer = new Thread(new Pacer(peers, phase, start, end, schedule), "bench-pacer");
            pacer.setDaemon(true);
            pacer.start();
        }

        sleepUntil(start + TimeUnit.SECONDS.toNanos(options.warmupSeconds()));
        long completedBefore = tally.completed.sum();
        WindowEdge before = WindowEdge.read(options.routerPids());
        long windowStart = System.nanoTime();
        tally.openWindow();
        sleepUntil(windowStart + TimeUnit.SECONDS.toNanos(options.seconds()));
        tally.closeWindow();
        long windowEnd = System.nanoTime();
        WindowEdge after = WindowEdge.read(options.routerPids());
        long completed = tally.completed.sum() - completedBefore;
        phase.stop();
        if (pacer != null) {
            pacer.join(5000);
        }

        sessions.drain(peers);
        sessions.closeAll(peers);

        report(result, peers.size(), (windowEnd - windowStart) / 1e9, completed, before, after);
        if (!closedLoop) {
            result.put("target_rate", options.rate());
        }
        if (completed == 0) {
            errors.count("no calls", "no call completed in the measured window");
        }
    }

    private void report(Result result, int joined, double window, long completed, WindowEdge before,
            WindowEdge after) {
        int clkTck = options.clkTck();
        long routerCpu = after.routerCpu() - before.routerCpu();
        long driverCpu = after.driverCpu() - before.driverCpu();
        long[] sorted = tally.latencies.sorted();
        result.put("sessions", joined);
        result.put("window_s", fmt(window, 3));
        result.put("calls", completed);
        result.put("calls_per_s", fmt(completed / window, 1));
        result.put("p50_ms", fmt(LatencyRecorder.percentile(sorted, 50) / 1e6, 3));
        result.put("p99_ms", fmt(LatencyRecorder.percentile(sorted, 99) / 1e6, 3));
        result.put("max_ms", fmt(sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, 3));
        result.put("cpu_s", fmt(routerCpu / (double) clkTck, 2));
        result.put("cpu_us_per_call", completed == 0 ? "?" : fmt(routerCpu * 1e6 / clkTck / completed, 1));
        // The driver's own cost, to tell whether it or the router bounded the throughput.
        result.put("driver_cpu_us_per_call", completed == 0 ? "?" : fmt(driverCpu * 1e6 / clkTck / completed, 1));
        result.put("sent_total", tally.sent.sum());
        // The share of the router's CPU that its JIT compiler threads took in the window: well
        // above a few percent, the router was still warming up and its CPU per call is inflated.
        result.put("router_jit_pct", routerCpu == 0 ? "?"
                : fmt(100.0 * Math.max(0, after.routerJit() - before.routerJit()) / routerCpu, 1));
        result.put("driver_jit_pct", driverCpu == 0 ? "?"
                : fmt(100.0 * Math.max(0, after.driverJit() - before.driverJit()) / driverCpu, 1));
        // What else used the machine in the window (other processes, and the hypervisor's steal):
        // the driver and the router share two cores, so anything more skews rate and latency.
        long machineBusy = after.machine().busy() - before.machine().busy();
        long others = machineBusy - routerCpu - driverCpu;
        result.put("others_cores", fmt(Math.max(0, others) / (double) clkTck / window, 2));
        result.put("steal_cores", fmt((after.machine().steal() - before.machine().steal()) / (double) clkTck / window, 2));
        // The router's read/write system calls and bytes written (TLS records included) per call:
        // how it batches its network I/O, which is much of what a routed call costs.
        for (String field : List.of("syscr", "syscw", "wchar")) {
            Long ioBefore = before.routerIo().get(field);
            Long ioAfter = after.routerIo().get(field);
            result.put("router_" + field + "_per_call", completed == 0 || ioBefore == null || ioAfter == null ? "?"
                    : fmt((ioAfter - ioBefore) / (double) completed, 2));
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
