package io.disco.signal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.common.tls.ClientTrust;
import io.disco.signal.wamp.ProtocolViolation;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampSerializer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

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
 * closes, wrong payloads), 2 on bad usage, 3 when the deadline passed.
 */
public final class LoadDriver {

    private static final WampSerializer JSON = WampSerializer.JSON;
    private static final int MAX_ERROR_SAMPLES = 10;

    // --- settings ---
    private final String mode;
    private final URI uri;
    private final String realm;
    private final int sessions;
    private final int warmupSeconds;
    private final int seconds;
    private final int rate;
    private final int idleSessions;
    private final int concurrency;
    private final int payloadBytes;
    private final int callTimeoutSeconds;
    private final int joinTimeoutSeconds;
    private final int clientThreads;
    private final long routerPid;
    private final int clkTck;

    // --- payloads: distinct for caller and callee, so a router that echoes or swaps them is caught ---
    private final String callPayload;
    private final String yieldPayload;
    // A CALL's and a YIELD's last elements as JSON, which an INVOCATION's and a RESULT's end with when
    // the router passes arguments through byte for byte. Writing and checking them as bytes keeps
    // Jackson's string escaping and tree parsing (a tenth of the driver's CPU per call) off its one core.
    private final byte[] callArgsJson;
    private final byte[] yieldArgsJson;

    // --- state shared by the peers ---
    private WebSocketCoreClient client;
    private final Configuration.ConfigurationCustomizer sessionConfiguration =
            new Configuration.ConfigurationCustomizer();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "bench-timers");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;          // peers issue calls (closed loop)
    private volatile boolean measuring;        // completions count towards the measured window
    private volatile boolean closing;          // the driver itself is closing the sessions
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final LongAdder callsSent = new LongAdder();
    private final LongAdder callsCompleted = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder lateResults = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<String> errorSamples = new ArrayList<>();
    private final java.util.Queue<Peer> allPeers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private LoadDriver(Map<String, String> options) {
        mode = options.getOrDefault("mode", "saturate");
        uri = URI.create(required(options, "uri"));
        realm = options.getOrDefault("realm", "main");
        sessions = intOption(options, "sessions", 200);
        warmupSeconds = intOption(options, "warmup", 10);
        seconds = intOption(options, "seconds", 10);
        rate = intOption(options, "rate", 2000);
        idleSessions = intOption(options, "idle-sessions", 10000);
        concurrency = intOption(options, "concurrency", 200);
        payloadBytes = intOption(options, "payload-bytes", 2048);
        callTimeoutSeconds = intOption(options, "call-timeout", 10);
        joinTimeoutSeconds = intOption(options, "join-timeout", 30);
        clientThreads = intOption(options, "client-threads", 16);
        routerPid = Long.parseLong(required(options, "router-pid"));
        clkTck = intOption(options, "clk-tck", 100);
        if (!List.of("saturate", "paced", "idle").contains(mode)) {
            throw new IllegalArgumentException("--mode must be saturate, paced or idle, not " + mode);
        }
        if (sessions < 1 || seconds < 1 || rate < 1 || concurrency < 1 || idleSessions < 1 || warmupSeconds < 0
                || clientThreads < 4) {
            throw new IllegalArgumentException("sessions, seconds, rate, concurrency and idle-sessions must be positive,"
                    + " client-threads at least 4");
        }
        callPayload = payload('c', payloadBytes);
        yieldPayload = payload('y', payloadBytes);
        callArgsJson = ascii(",[\"" + callPayload + "\"]]");
        yieldArgsJson = ascii(",[\"" + yieldPayload + "\"]]");
    }

    public static void main(String[] args) {
        LoadDriver driver;
        try {
            driver = new LoadDriver(parse(args));
        } catch (RuntimeException e) {
            System.err.println("LoadDriver: " + e.getMessage());
            System.err.println("usage: LoadDriver --mode=saturate|paced|idle --uri=wss://HOST:PORT/ --router-pid=PID"
                    + " [--clk-tck=N --realm=R --sessions=N --warmup=S --seconds=S --rate=N --idle-sessions=N"
                    + " --concurrency=N --payload-bytes=N --call-timeout=S --join-timeout=S --client-threads=N]");
            System.exit(2);
            return;
        }
        driver.armDeadline();
        int status;
        try {
            status = driver.run();
        } catch (Throwable e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            System.err.println("LoadDriver: ERROR: run failed: " + cause);
            driver.printErrors();
            status = 1;
        }
        System.out.flush();
        // halt, not exit: the idle mode leaves thousands of sessions open on purpose, and the
        // kernel closes them faster than a graceful stop would.
        Runtime.getRuntime().halt(status);
    }

    /** The hard bound on the driver's run time, whatever the router does. */
    private void armDeadline() {
        long setup = joinTimeoutSeconds + 60L + (mode.equals("idle") ? idleSessions / 20 : sessions / 20);
        long drain = callTimeoutSeconds + 10L;
        long deadline = setup + warmupSeconds + seconds + drain + 30;
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

    private int run() throws Exception {
        client = newClient();
        timers.scheduleAtFixedRate(this::expireCalls, 250, 250, TimeUnit.MILLISECONDS);
        Map<String, Object> result = new TreeMap<>();
        switch (mode) {
            case "saturate", "paced" -> runCalls(result);
            default -> runIdle(result);
        }
        long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
        result.put("errors", errorCount);
        result.put("timeouts", timeouts.sum());
        result.put("late_results", lateResults.sum());
        StringBuilder line = new StringBuilder("RESULT mode=").append(mode);
        result.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        if (errorCount > 0) {
            line.append(" error_kinds=").append(errorKinds());
        }
        printErrors();
        System.out.println(line);
        return errorCount > 0 || timeouts.sum() > 0 ? 1 : 0;
    }

    // --- modes --------------------------------------------------------------------------------

    private void runCalls(Map<String, Object> result) throws Exception {
        List<Peer> peers = openSessions(sessions, false);
        if (peers.size() < sessions) {
            throw new IllegalStateException("only " + peers.size() + " of " + sessions + " sessions joined");
        }
        registerAll(peers);
        boolean closedLoop = mode.equals("saturate");

        long start = System.nanoTime();
        running = true;
        Thread pacer = null;
        if (closedLoop) {
            for (Peer peer : peers) {
                peer.call(System.nanoTime());
            }
        } else {
            pacer = new Thread(() -> pace(peers, start), "bench-pacer");
            pacer.setDaemon(true);
            pacer.start();
        }

        sleepUntil(start + TimeUnit.SECONDS.toNanos(warmupSeconds));
        long completedBefore = callsCompleted.sum();
        long cpuBefore = cpuTicks();
        long driverCpuBefore = ticks(Path.of("/proc/self/stat"));
        Map<String, Long> ioBefore = routerIo();
        long[] machineBefore = machineTicks();
        long jitBefore = compilerTicks(routerPid);
        long driverJitBefore = compilerTicks(ProcessHandle.current().pid());
        long windowStart = System.nanoTime();
        measuring = true;
        sleepUntil(windowStart + TimeUnit.SECONDS.toNanos(seconds));
        measuring = false;
        long windowEnd = System.nanoTime();
        long cpuAfter = cpuTicks();
        long driverCpuAfter = ticks(Path.of("/proc/self/stat"));
        Map<String, Long> ioAfter = routerIo();
        long[] machineAfter = machineTicks();
        long jitAfter = compilerTicks(routerPid);
        long driverJitAfter = compilerTicks(ProcessHandle.current().pid());
        long completed = callsCompleted.sum() - completedBefore;
        running = false;
        if (pacer != null) {
            pacer.join(5000);
        }

        drain(peers);
        closeAll(peers);

        double window = (windowEnd - windowStart) / 1e9;
        long[] sorted = latencies.sorted();
        result.put("sessions", peers.size());
        result.put("window_s", fmt(window, 3));
        result.put("calls", completed);
        result.put("calls_per_s", fmt(completed / window, 1));
        result.put("p50_ms", fmt(percentile(sorted, 50) / 1e6, 3));
        result.put("p99_ms", fmt(percentile(sorted, 99) / 1e6, 3));
        result.put("max_ms", fmt(sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, 3));
        result.put("cpu_s", fmt((cpuAfter - cpuBefore) / (double) clkTck, 2));
        result.put("cpu_us_per_call", completed == 0 ? "?" : fmt((cpuAfter - cpuBefore) * 1e6 / clkTck / completed, 1));
        // The driver's own cost, to tell whether it or the router bounded the throughput.
        result.put("driver_cpu_us_per_call", completed == 0 ? "?"
                : fmt((driverCpuAfter - driverCpuBefore) * 1e6 / clkTck / completed, 1));
        result.put("sent_total", callsSent.sum());
        // The share of the router's CPU that its JIT compiler threads took in the window: well
        // above a few percent, the router was still warming up and its CPU per call is inflated.
        result.put("router_jit_pct", cpuAfter == cpuBefore ? "?"
                : fmt(100.0 * Math.max(0, jitAfter - jitBefore) / (cpuAfter - cpuBefore), 1));
        result.put("driver_jit_pct", driverCpuAfter == driverCpuBefore ? "?"
                : fmt(100.0 * Math.max(0, driverJitAfter - driverJitBefore) / (driverCpuAfter - driverCpuBefore), 1));
        // What else used the machine in the window (other processes, and the hypervisor's steal):
        // the driver and the router share two cores, so anything more skews rate and latency.
        long machineBusy = machineAfter[0] - machineBefore[0];
        long others = machineBusy - (cpuAfter - cpuBefore) - (driverCpuAfter - driverCpuBefore);
        result.put("others_cores", fmt(Math.max(0, others) / (double) clkTck / window, 2));
        result.put("steal_cores", fmt((machineAfter[1] - machineBefore[1]) / (double) clkTck / window, 2));
        // The router's read/write system calls and bytes written (TLS records included) per call:
        // how it batches its network I/O, which is much of what a routed call costs.
        for (String field : List.of("syscr", "syscw", "wchar")) {
            Long before = ioBefore.get(field);
            Long after = ioAfter.get(field);
            result.put("router_" + field + "_per_call", completed == 0 || before == null || after == null ? "?"
                    : fmt((after - before) / (double) completed, 2));
        }
        if (!closedLoop) {
            result.put("target_rate", rate);
        }
        if (completed == 0) {
            error("no calls", "no call completed in the measured window");
        }
    }

    /** Open loop: call n is due at start + n/rate, on session n mod N; late calls go out at once. */
    private void pace(List<Peer> peers, long start) {
        long end = start + TimeUnit.SECONDS.toNanos(warmupSeconds + seconds);
        double interval = 1e9 / rate;
        long n = 0;
        while (running) {
            long due = start + (long) (n * interval);
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

    private void runIdle(Map<String, Object> result) throws Exception {
        long rssBefore = rssKb();
        long cpuBefore = cpuTicks();
        long start = System.nanoTime();
        List<Peer> peers = openSessions(idleSessions, true);
        long joinedAt = System.nanoTime();
        long cpuAfter = cpuTicks();
        // Let the router finish whatever the last joins left it (and the driver's close events
        // for failed joins arrive) before reading its memory.
        Thread.sleep(2000);
        long rssAfter = rssKb();
        long gcRss = rssAfterFullGc();
        long open = peers.stream().filter(Peer::isOpen).count();
        if (open < peers.size()) {
            error("closed idle sessions", (peers.size() - open) + " joined sessions closed while idle");
        }
        int joined = peers.size();
        double elapsed = (joinedAt - start) / 1e9;
        result.put("attempted", idleSessions);
        result.put("joined", joined);
        result.put("open_at_end", open);
        result.put("join_s", fmt(elapsed, 2));
        result.put("joins_per_s", fmt(joined / elapsed, 1));
        result.put("cpu_ms_per_join", joined == 0 ? "?" : fmt((cpuAfter - cpuBefore) * 1e3 / clkTck / joined, 2));
        result.put("rss_before_kb", rssBefore);
        result.put("rss_after_kb", rssAfter);
        result.put("rss_kb_per_session", joined == 0 ? "?" : fmt((rssAfter - rssBefore) / (double) joined, 2));
        result.put("rss_after_gc_kb", gcRss < 0 ? "?" : gcRss);
        result.put("rss_gc_kb_per_session",
                joined == 0 || gcRss < 0 ? "?" : fmt((gcRss - rssBefore) / (double) joined, 2));
        if (joined < idleSessions) {
            error("join failures", (idleSessions - joined) + " of " + idleSessions + " sessions did not join");
        }
    }

    /**
     * The router's RSS after a full GC (jcmd GC.run), or -1 when jcmd cannot do it. Both routers
     * are JVMs; without this their RSS mostly tells how much garbage the join burst left behind
     * and when each heap last grew, not what a held session costs.
     */
    private long rssAfterFullGc() throws IOException, InterruptedException {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(routerPid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return -1;
            }
            if (jcmd.exitValue() != 0) {
                return -1;
            }
        } catch (IOException e) {
            return -1;
        }
        Thread.sleep(1000);
        return rssKb();
    }

    // --- sessions -----------------------------------------------------------------------------

    /**
     * Opens {@code count} sessions, at most {@code concurrency} joining at once; returns those that
     * got their WELCOME. A session that does not join within --join-timeout counts as an error.
     */
    private List<Peer> openSessions(int count, boolean idle) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        List<Peer> joined = java.util.Collections.synchronizedList(new ArrayList<>(count));
        for (int i = 0; i < count; i++) {
            if (!inFlight.tryAcquire(joinTimeoutSeconds + 10L, TimeUnit.SECONDS)) {
                error("join stalled", "no join finished within " + (joinTimeoutSeconds + 10) + " s");
                break;
            }
            Peer peer = new Peer(i);
            CompletableFuture<Void> welcome = peer.welcome;
            CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, uri, peer);
            request.setSubProtocols(JSON.subprotocol());
            request.setConfiguration(sessionConfiguration);
            try {
                client.connect(request).whenComplete((session, failure) -> {
                    if (failure != null) {
                        welcome.completeExceptionally(failure);
                    }
                });
            } catch (IOException e) {
                welcome.completeExceptionally(e);
            }
            timers.schedule(() -> welcome.completeExceptionally(
                    new java.util.concurrent.TimeoutException("no WELCOME within " + joinTimeoutSeconds + " s")),
                    joinTimeoutSeconds, TimeUnit.SECONDS);
            welcome.whenComplete((ok, failure) -> {
                if (failure == null) {
                    joined.add(peer);
                } else {
                    error("join failed", "session " + peer.index + ": " + failure);
                    peer.close();
                }
                inFlight.release();
            });
        }
        // Every started join ends by its timeout at the latest.
        if (!inFlight.tryAcquire(concurrency, joinTimeoutSeconds + 10L, TimeUnit.SECONDS)) {
            error("join stalled", "joins still pending after " + (joinTimeoutSeconds + 10) + " s");
        }
        List<Peer> result = new ArrayList<>(joined);
        result.sort((a, b) -> Integer.compare(a.index, b.index));
        if (!idle) {
            System.err.println("LoadDriver: " + result.size() + " sessions joined " + uri);
        }
        return result;
    }

    private void registerAll(List<Peer> peers) throws Exception {
        int n = peers.size();
        List<CompletableFuture<Void>> registered = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Peer peer = peers.get(i);
            peer.target = "bench.p" + ((i + 1) % n);
            registered.add(peer.register("bench.p" + i));
        }
        CompletableFuture.allOf(registered.toArray(CompletableFuture[]::new))
                .get(joinTimeoutSeconds, TimeUnit.SECONDS);
    }

    /** Waits for the calls still out after the window; what is left after --call-timeout timed out. */
    private void drain(List<Peer> peers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(callTimeoutSeconds + 2L);
        while (System.nanoTime() < deadline) {
            if (peers.stream().allMatch(peer -> peer.pending.isEmpty())) {
                return;
            }
            Thread.sleep(20);
        }
        expireCalls();
    }

    private void closeAll(List<Peer> peers) throws InterruptedException {
        closing = true;
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (Peer peer : peers) {
            closed.add(peer.closed);
            peer.close();
        }
        try {
            CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("LoadDriver: not every session closed within 10 s (not counted as an error)");
        }
    }

    /** Counts and forgets calls older than --call-timeout; in the closed loop, the session goes on. */
    private void expireCalls() {
        long limit = System.nanoTime() - TimeUnit.SECONDS.toNanos(callTimeoutSeconds);
        for (Peer peer : allPeers) {
            for (Map.Entry<Long, Long> call : peer.pending.entrySet()) {
                if (call.getValue() < limit && peer.pending.remove(call.getKey(), call.getValue())) {
                    timeouts.increment();
                    peer.expired.add(call.getKey());
                    sample("call " + call.getKey() + " of session " + peer.index + " unanswered after "
                            + callTimeoutSeconds + " s");
                    if (running && mode.equals("saturate")) {
                        peer.call(System.nanoTime());
                    }
                }
            }
        }
    }

    private WebSocketCoreClient newClient() throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        // The routers' certificate is self-signed test material; nothing but 127.0.0.1 is dialled.
        tls.setSslContext(ClientTrust.skipVerify().sslContext());
        tls.setEndpointIdentificationAlgorithm(null);
        ClientConnector connector = new EventLoopClientConnector();
        connector.setSslContextFactory(tls);
        connector.setConnectTimeout(Duration.ofSeconds(30));
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        // A small pool: the driver never blocks a thread, and Jetty's default of 200 threads
        // only adds context switches, which on two shared cores the router pays for too.
        QueuedThreadPool pool = new QueuedThreadPool(clientThreads);
        pool.setName("bench-client");
        http.setExecutor(pool);
        // Each websocket is its own connection: the default limits (64 connections, 1024 queued
        // requests per destination) would throttle joins instead of the router.
        http.setMaxConnectionsPerDestination(1 << 20);
        http.setMaxRequestsQueuedPerDestination(1 << 20);
        // Held sessions stay quiet for the whole idle run; the driver must not close them itself.
        sessionConfiguration.setIdleTimeout(Duration.ofMinutes(30));
        // Far above any router's own limit, so a size refusal is always the router's.
        sessionConfiguration.setMaxTextMessageSize(16 << 20);
        sessionConfiguration.setMaxFrameSize(16 << 20);
        WebSocketCoreClient client = new WebSocketCoreClient(http, null);
        client.start();
        return client;
    }

    /**
     * Runs what its selectors select on the selecting thread, as disco's router does with its own
     * connector: Jetty hands each readable websocket to another thread otherwise, and that
     * handoff made the driver, not the router, the limit of the saturate mode (the driver took
     * 80-170 us of CPU per call, varying run to run). A driver that keeps its core busy leaves the
     * router idling between wake-ups, and a router's CPU per call then counts the wake-ups.
     */
    private static final class EventLoopClientConnector extends ClientConnector {
        @Override
        protected SelectorManager newSelectorManager() {
            return new ClientSelectorManager(getExecutor(), getScheduler(), getSelectors()) {
                @Override
                public Executor getExecutor() {
                    return Runnable::run;
                }
            };
        }
    }

    // --- one WAMP session ----------------------------------------------------------------------

    /**
     * One WAMP session of the driver: caller and callee. On Jetty's core websocket API, as disco's
     * router is: frames arrive as bytes and are parsed as such; Jetty's websocket API would first
     * make each 2 KB message a String (a quarter of the driver's CPU).
     */
    final class Peer implements FrameHandler {

        final int index;
        final CompletableFuture<Void> welcome = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final Map<Long, Long> pending = new ConcurrentHashMap<>();   // request id -> due time (ns)
        final java.util.Set<Long> expired = ConcurrentHashMap.newKeySet();
        final AtomicLong requests = new AtomicLong();
        volatile CoreSession session;
        volatile String target;
        volatile boolean closingSelf;   // closed by the driver: its close events are no error
        private volatile CompletableFuture<Void> registered;
        private volatile long registerRequest;

        Peer(int index) {
            this.index = index;
        }

        boolean isOpen() {
            CoreSession s = session;
            return s != null && s.isOutputOpen();
        }

        CompletableFuture<Void> register(String procedure) {
            registered = new CompletableFuture<>();
            registerRequest = requests.incrementAndGet();
            send(new WampMessage.Register(registerRequest, WampCodec.dict(), procedure));
            return registered;
        }

        /** Sends one call to {@link #target}; its latency counts from {@code due}. */
        void call(long due) {
            long request = requests.incrementAndGet();
            pending.put(request, due);
            callsSent.increment();
            sendText(ascii("[" + WampMessage.CALL + "," + request + ",{},\"" + target + "\""), callArgsJson);
        }

        void send(WampMessage message) {
            ByteBuffer encoded = JSON.encodeTransient(message);
            sendFrame(ByteBuffer.allocate(encoded.remaining()).put(encoded).flip());
        }

        /** Sends a message written by hand as its head and its arguments' JSON text. */
        private void sendText(byte[] head, byte[] args) {
            sendFrame(ByteBuffer.allocate(head.length + args.length).put(head).put(args).flip());
        }

        private void sendFrame(ByteBuffer payload) {
            CoreSession s = session;
            if (s == null) {
                error("send before open", "session " + index + " sent before its websocket opened");
                return;
            }
            s.sendFrame(new Frame(OpCode.TEXT, true, payload), Callback.from(() -> { }, failure -> {
                if (!closing) {
                    error("send failed", "session " + index + ": " + failure);
                }
            }), false);
        }

        void close() {
            closingSelf = true;
            CoreSession s = session;
            if (s != null && s.isOutputOpen()) {
                s.close(CloseStatus.NORMAL, "bench done", Callback.NOOP);
            } else {
                closed.complete(null);
            }
        }

        @Override
        public void onOpen(CoreSession session, Callback callback) {
            this.session = session;
            allPeers.add(this);
            ObjectNode details = WampCodec.dict();
            ObjectNode roles = details.putObject("roles");
            roles.putObject("caller");
            roles.putObject("callee");
            send(new WampMessage.Hello(realm, details));
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            switch (frame.getOpCode()) {
                case OpCode.TEXT -> {
                    if (frame.isFin()) {
                        onText(frame.getPayload());
                    } else {
                        error("fragmented message", "session " + index + ": the router split a message into frames");
                    }
                }
                case OpCode.BINARY, OpCode.CONTINUATION ->
                        error("binary frame", "session " + index + ": the router sent a binary frame on wamp.2.json");
                default -> {
                    // PING is answered by Jetty once the callback completes; PONG and CLOSE need nothing.
                }
            }
            callback.succeeded();
            session.demand();
        }

        private void onText(ByteBuffer frame) {
            WampMessage message;
            ByteBuffer bytes = frame.slice();
            try {
                message = JSON.decode(frame);
            } catch (ProtocolViolation e) {
                error("undecodable frame", "session " + index + ": " + e.getMessage() + ": " + abbreviate(bytes));
                return;
            }
            if (message instanceof WampMessage.Invocation invocation) {
                if (!endsWith(bytes, callArgsJson) && !isPayload(invocation.args(), callPayload)) {
                    error("bad INVOCATION args", "session " + index + ": " + abbreviate(bytes));
                }
                sendText(ascii("[" + WampMessage.YIELD + "," + invocation.request() + ",{}"), yieldArgsJson);
            } else if (message instanceof WampMessage.Result result) {
                onResult(result, endsWith(bytes, yieldArgsJson));
            } else if (message instanceof WampMessage.Welcome) {
                welcome.complete(null);
            } else if (message instanceof WampMessage.Registered reply) {
                if (reply.request() == registerRequest) {
                    registered.complete(null);
                } else {
                    error("unexpected REGISTERED", "session " + index + ": " + abbreviate(bytes));
                }
            } else if (message instanceof WampMessage.Error failure) {
                error("ERROR " + failure.error(), "session " + index + ": " + abbreviate(bytes));
                if (failure.requestType() == WampMessage.REGISTER && registered != null) {
                    registered.completeExceptionally(new IllegalStateException("REGISTER refused: " + failure.error()));
                } else if (failure.requestType() == WampMessage.CALL && pending.remove(failure.request()) != null
                        && running && mode.equals("saturate")) {
                    call(System.nanoTime());
                }
            } else if (message instanceof WampMessage.Abort abort) {
                error("ABORT " + abort.reason(), "session " + index + ": " + abbreviate(bytes));
                welcome.completeExceptionally(new IllegalStateException("ABORT " + abort.reason()));
            } else if (message instanceof WampMessage.Goodbye goodbye) {
                error("GOODBYE " + goodbye.reason(), "session " + index + ": " + abbreviate(bytes));
            } else {
                error("unexpected message " + message.code(), "session " + index + ": " + abbreviate(bytes));
            }
        }

        private void onResult(WampMessage.Result result, boolean argsAsSent) {
            long now = System.nanoTime();
            Long due = pending.remove(result.request());
            if (due == null) {
                if (expired.remove(result.request())) {
                    lateResults.increment();   // already counted as a timeout
                } else {
                    error("unexpected RESULT", "session " + index + ": request " + result.request());
                }
                return;
            }
            if (!argsAsSent && !isPayload(result.args(), yieldPayload)) {
                error("bad RESULT args", "session " + index + ": request " + result.request());
            }
            callsCompleted.increment();
            if (measuring) {
                latencies.add(now - due);
            }
            if (running && mode.equals("saturate")) {
                call(System.nanoTime());
            }
        }

        @Override
        public void onClosed(CloseStatus status, Callback callback) {
            callback.succeeded();
            if (!closing && !closingSelf) {
                error("closed by router", "session " + index + ": websocket closed " + status.getCode() + " "
                        + status.getReason());
                welcome.completeExceptionally(new IllegalStateException("closed " + status.getCode() + " "
                        + status.getReason()));
            }
            closed.complete(null);
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
            if (!closing && !closingSelf) {
                error("websocket error", "session " + index + ": " + cause);
                welcome.completeExceptionally(cause);
            }
            closed.complete(null);
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    /** "kind:count,..." with no spaces, for the RESULT line. */
    private String errorKinds() {
        StringBuilder kinds = new StringBuilder();
        new TreeMap<>(errors).forEach((kind, n) -> kinds.append(kinds.length() > 0 ? "," : "")
                .append(kind.replace(' ', '_')).append(':').append(n.sum()));
        return kinds.toString();
    }

    private void printErrors() {
        if (!errors.isEmpty()) {
            System.err.println("LoadDriver: ERROR: counts " + errorKinds());
        }
        synchronized (errorSamples) {
            errorSamples.forEach(sample -> System.err.println("LoadDriver: ERROR: " + sample));
        }
    }

    private void error(String kind, String detail) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        sample(kind + ": " + detail);
    }

    private void sample(String text) {
        synchronized (errorSamples) {
            if (errorSamples.size() < MAX_ERROR_SAMPLES) {
                errorSamples.add(text);
            }
        }
    }

    private static boolean endsWith(ByteBuffer frame, byte[] tail) {
        int start = frame.limit() - tail.length;
        return start >= frame.position() && frame.slice(start, tail.length).equals(ByteBuffer.wrap(tail));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean isPayload(ArrayNode args, String expected) {
        if (args == null || args.size() != 1) {
            return false;
        }
        JsonNode value = args.get(0);
        return value.isTextual() && value.textValue().equals(expected);
    }

    private static String payload(char tag, int bytes) {
        StringBuilder text = new StringBuilder(bytes);
        text.append(tag);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 1; i < bytes; i++) {
            text.append(alphabet.charAt(i % alphabet.length()));
        }
        return text.toString();
    }

    /** utime + stime of the router process, all threads, in clock ticks. */
    private long cpuTicks() throws IOException {
        return ticks(Path.of("/proc/" + routerPid + "/stat"));
    }

    private static long ticks(Path procStat) throws IOException {
        String stat = Files.readString(procStat);
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU ticks of a JVM's live JIT compiler threads (HotSpot names them "C1 CompilerThre..."
     * and "C2 CompilerThre..."). A compiler thread that exits in the window takes its ticks with
     * it, so this can only under-count.
     */
    private static long compilerTicks(long pid) {
        long sum = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        sum += ticks(task.resolve("stat"));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /** {busy, steal} ticks of the whole machine, all CPUs, from /proc/stat's first line. */
    private static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
        // cpu user nice system idle iowait irq softirq steal ...
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        return new long[] {busy, steal};
    }

    /** The router's /proc/PID/io counters (empty when the kernel does not keep them). */
    private Map<String, Long> routerIo() {
        Map<String, Long> io = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + routerPid + "/io"))) {
                String[] parts = line.split(":\\s*");
                if (parts.length == 2) {
                    io.put(parts[0], Long.parseLong(parts[1].trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            io.clear();
        }
        return io;
    }

    private long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + routerPid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + routerPid);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** The start of a frame, for an error line: only frames in error are made strings. */
    private static String abbreviate(ByteBuffer frame) {
        String text = java.nio.charset.StandardCharsets.UTF_8.decode(frame.duplicate()).toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
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

    /** Latencies in ns of the calls completed in the measured window; exact percentiles. */
    static final class LatencyRecorder {
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
    }
}
