package io.disco.signal.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The driver's command line, parsed once: {@code --name=value} options, with the defaults
 * signal-bench.sh relies on when it leaves one out.
 *
 * <p>Several routers acting as one (a cluster) are loaded by naming them all in --uri, comma
 * separated: session i joins the (i mod n)th, so in the ring each session's callee is on the next
 * router. --router-pid then names every process whose CPU the calls cost (the routers and their
 * Redis), summed.
 */
record DriverOptions(
        Mode mode,
        List<URI> uris,
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
        List<Long> routerPids,
        int clkTck) {

    static final String USAGE = "usage: LoadDriver --mode=saturate|paced|idle --uri=wss://HOST:PORT/[,wss://...] --router-pid=PID[,PID...]"
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
        List<URI> uris = Arrays.stream(required(options, "uri").split(",")).map(URI::create).toList();
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
        List<Long> routerPids = Arrays.stream(required(options, "router-pid").split(",")).map(Long::valueOf).toList();
        int clkTck = intOption(options, "clk-tck", 100);
        return new DriverOptions(Mode.of(mode), uris, realm, sessions, warmupSeconds, seconds, rate, idleSessions,
                concurrency, payloadBytes, callTimeoutSeconds, joinTimeoutSeconds, clientThreads, routerPids, clkTck);
    }

    DriverOptions {
        if (sessions < 1 || seconds < 1 || rate < 1 || concurrency < 1 || idleSessions < 1 || warmupSeconds < 0
                || clientThreads < 4) {
            throw new IllegalArgumentException("sessions, seconds, rate, concurrency and idle-sessions must be positive,"
                    + " client-threads at least 4");
        }
        if (mode == Mode.IDLE && (uris.size() != 1 || routerPids.size() != 1)) {
            throw new IllegalArgumentException("the idle mode measures one router: one --uri and one --router-pid");
        }
    }

    /** The router session {@code index} joins. */
    URI uriOf(int index) {
        return uris.get(index % uris.size());
    }

    /** The one router the idle mode measures. */
    long routerPid() {
        return routerPids.get(0);
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
