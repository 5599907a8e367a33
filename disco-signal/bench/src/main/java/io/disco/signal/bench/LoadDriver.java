package io.disco.signal.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Load driver for signal-bench.sh: WAMP v2 over wss (wamp.2.json) against any router, so disco's
 * router and a reference router are loaded by the very same client code.
 *
 * <p>Modes:
 * <ul>
 *   <li>{@code saturate}: N sessions; session i registers {@code bench.p<i>} and calls
 *       {@code bench.p<(i+1)%N>} in a closed loop, one call outstanding per session, with a
 *       payload-sized string argument; the callee yields a payload-sized string.</li>
 *   <li>{@code paced}: the same sessions and procedures, but calls are sent open loop at a fixed
 *       total rate, round-robin over the sessions; latency counts from the moment a call was due,
 *       so a driver or router that falls behind shows it (no coordinated omission).</li>
 *   <li>{@code idle}: opens sessions (TLS, websocket upgrade, HELLO, WELCOME) with bounded
 *       concurrency, holds them, and reads the router's memory before and after.</li>
 * </ul>
 *
 * <p>The router's CPU (utime + stime from /proc/PID/stat) and RSS (VmRSS) are read by the driver
 * itself at the edges of the measured window, so the window is exact. Everything is bounded: a
 * call unanswered within --call-timeout is a timeout, and the whole run has a hard deadline after
 * which the driver halts with exit code 3.
 *
 * <p>Output: one line {@code RESULT key=value ...} on stdout; errors on stderr. Exit code 0 when the
 * run was clean, 1 when the router misbehaved (ERROR/ABORT/GOODBYE received, timeouts, unexpected
 * closes, wrong arguments), 2 on bad usage, 3 when the deadline passed.
 */
public final class LoadDriver {

    private LoadDriver() {
    }

    public static void main(String[] args) {
        DriverOptions options;
        Arguments arguments;
        try {
            options = DriverOptions.parse(args);
            arguments = Arguments.ofSize(options.payloadBytes());
        } catch (RuntimeException e) {
            System.err.println("LoadDriver: " + e.getMessage());
            System.err.println(DriverOptions.USAGE);
            System.exit(2);
            return;
        }
        armDeadline(options.deadlineSeconds());
        RunErrors errors = new RunErrors();
        int status;
        try {
            status = run(options, arguments, errors);
        } catch (Throwable e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("LoadDriver: ERROR: run failed: " + cause);
            errors.print();
            status = 1;
        }
        System.out.flush();
        // halt, not exit: the idle mode leaves thousands of sessions open on purpose, and the
        // kernel closes them faster than a graceful stop would.
        Runtime.getRuntime().halt(status);
    }

    private static void armDeadline(long deadline) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(deadline));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("LoadDriver: ERROR: deadline of " + deadline + " s passed; halting");
            System.err.flush();
            Runtime.getRuntime().halt(3);
        }, "bench-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static int run(DriverOptions options, Arguments arguments, RunErrors errors) throws Exception {
        LoadPhase phase = new LoadPhase(options.mode() == DriverOptions.Mode.SATURATE);
        CallTally tally = new CallTally();
        Sessions sessions = new Sessions(options, arguments, phase, tally, errors);
        sessions.start();
        Result result = new Result();
        switch (options.mode()) {
            case SATURATE, PACED -> new CallLoad(options, sessions, phase, tally, errors).run(result);
            case IDLE -> new IdleLoad(options, sessions, errors).run(result);
        }
        long errorCount = errors.total();
        result.put("errors", errorCount);
        result.put("timeouts", tally.timeouts.sum());
        result.put("late_results", tally.lateResults.sum());
        String line = result.line(options.mode(), errorCount > 0 ? errors.kinds() : null);
        errors.print();
        System.out.println(line);
        return errorCount > 0 || tally.timeouts.sum() > 0 ? 1 : 0;
    }
}
