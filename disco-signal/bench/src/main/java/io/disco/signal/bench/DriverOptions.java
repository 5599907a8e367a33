package io.disco.signal.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The driver's command line, parsed once: {@code --name=value} options, with the defaults
 * signal-bench.sh relies on when it leaves one out.
 */
record DriverOptions(
        Mode mode,
        URI uri,
        String realm,
        int sessions,
        int warmupSeconds,
        int seconds,
        int rate,
        int idleSessions,
        int concurrency,
        int payloadBytes,
        int callTimeoutSeconds,
        int joinTimeoutSeconds,
        int clientThreads,
        long routerPid,
        int clkTck) {

    static final String USAGE = "usage: LoadDriver --mode=saturate|paced|idle --uri=wss://HOST:PORT/ --router-pid=PID"
            + " [--clk-tck=N --realm=R --sessions=N --warmup=S --seconds=S --rate=N --idle-sessions=N"
            + " --concurrency=N --payload-bytes=N --call-timeout=S --join-timeout=S --client-threads=N]";

    /** What the run does: calls in a closed loop, calls at a fixed rate, or sessions held idle. */
    enum Mode {
        SATURATE, PACED, IDLE;

        /** As the command line and the RESULT line spell it. */
        String flag() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Mode of(String flag) {
            for (Mode mode : values()) {
                if (mode.flag().equals(flag)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("--mode must be saturate, paced or idle, not " + flag);
        }
    }

    /** @throws IllegalArgumentException with a message for the user when an option is missing or wrong */
    static DriverOptions parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        String mode = options.getOrDefault("mode", "saturate");
        URI uri = URI.create(required(options, "uri"));
        String realm = options.getOrDefault("realm", "main");
        int sessions = intOption(options, "sessions", 200);
        int warmupSeconds = intOption(options, "warmup", 10);
        int seconds = intOption(options, "seconds", 10);
        int rate = intOption(options, "rate", 2000);
        int idleSessions = intOption(options, "idle-sessions", 10000);
        int concurrency = intOption(options, "concurrency", 200);
        int payloadBytes = intOption(options, "payload-bytes", 2048);
        int callTimeoutSeconds = intOption(options, "call-timeout", 10);
        int joinTimeoutSeconds = intOption(options, "join-timeout", 30);
        int clientThreads = intOption(options, "client-threads", 16);
        long routerPid = Long.parseLong(required(options, "router-pid"));
        int clkTck = intOption(options, "clk-tck", 100);
        return new DriverOptions(Mode.of(mode), uri, realm, sessions, warmupSeconds, seconds, rate, idleSessions,
                concurrency, payloadBytes, callTimeoutSeconds, joinTimeoutSeconds, clientThreads, routerPid, clkTck);
    }

    DriverOptions {
        if (sessions < 1 || seconds < 1 || rate < 1 || concurrency < 1 || idleSessions < 1 || warmupSeconds < 0
                || clientThreads < 4) {
            throw new IllegalArgumentException("sessions, seconds, rate, concurrency and idle-sessions must be positive,"
                    + " client-threads at least 4");
        }
    }

    /** The hard bound on the driver's run time, whatever the router does. */
    long deadlineSeconds() {
        long setup = joinTimeoutSeconds + 60L + (mode == Mode.IDLE ? idleSessions / 20 : sessions / 20);
        long drain = callTimeoutSeconds + 10L;
        return setup + warmupSeconds + seconds + drain + 30;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
        }
    }
}
