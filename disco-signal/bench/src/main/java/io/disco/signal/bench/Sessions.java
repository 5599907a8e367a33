package io.disco.signal.bench;

import io.disco.common.tls.ClientTrust;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * The driver's WAMP sessions with the router: opened over wss with bounded concurrency, registered
 * in a ring, drained and closed; and the calls among them that go unanswered past --call-timeout.
 */
final class Sessions {

    private final DriverOptions options;
    private final Arguments arguments;
    private final LoadPhase phase;
    private final CallTally tally;
    private final RunErrors errors;
    private final Configuration.ConfigurationCustomizer sessionConfiguration =
            new Configuration.ConfigurationCustomizer();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "bench-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<Peer> all = new ConcurrentLinkedQueue<>();
    private WebSocketCoreClient client;

    Sessions(DriverOptions options, Arguments arguments, LoadPhase phase, CallTally tally, RunErrors errors) {
        this.options = options;
        this.arguments = arguments;
        this.phase = phase;
        this.tally = tally;
        this.errors = errors;
    }

    /** Starts the websocket client and the check for unanswered calls. */
    void start() throws Exception {
        client = newClient();
        timers.scheduleAtFixedRate(this::expireCalls, 250, 250, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens {@code count} sessions, at most --concurrency joining at once; returns those that got
     * their WELCOME, in order. A session that does not join within --join-timeout counts as an error.
     */
    List<Peer> open(int count, boolean idle) throws Exception {
        int concurrency = options.concurrency();
        int joinTimeout = options.joinTimeoutSeconds();
        Semaphore inFlight = new Semaphore(concurrency);
        List<Peer> joined = Collections.synchronizedList(new ArrayList<>(count));
        for (int i = 0; i < count; i++) {
            if (!inFlight.tryAcquire(joinTimeout + 10L, TimeUnit.SECONDS)) {
                errors.count("join stalled", "no join finished within " + (joinTimeout + 10) + " s");
                break;
            }
            Peer peer = new Peer(i, options.realm(), arguments, phase, tally, errors);
            all.add(peer);
            CompletableFuture<Void> welcome = peer.welcome;
            CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, options.uriOf(i), peer);
            request.setSubProtocols(Peer.JSON.subprotocol());
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
                    new TimeoutException("no WELCOME within " + joinTimeout + " s")), joinTimeout, TimeUnit.SECONDS);
            welcome.whenComplete((ok, failure) -> {
                if (failure == null) {
                    joined.add(peer);
                } else {
                    errors.count("join failed", "session " + peer.index + ": " + failure);
                    peer.close();
                }
                inFlight.release();
            });
        }
        // Every started join ends by its timeout at the latest.
        if (!inFlight.tryAcquire(concurrency, joinTimeout + 10L, TimeUnit.SECONDS)) {
            errors.count("join stalled", "joins still pending after " + (joinTimeout + 10) + " s");
        }
        List<Peer> result = new ArrayList<>(joined);
        result.sort((a, b) -> Integer.compare(a.index, b.index));
        if (!idle) {
            System.err.println("LoadDriver: " + result.size() + " sessions joined " + options.uris());
        }
        return result;
    }

    /** Session i registers bench.p<i> and will call bench.p<(i+1)%N>. */
    void registerInRing(List<Peer> peers) throws Exception {
        int n = peers.size();
        List<CompletableFuture<Void>> registered = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            registered.add(peers.get(i).register("bench.p" + i, "bench.p" + ((i + 1) % n)));
        }
        CompletableFuture.allOf(registered.toArray(CompletableFuture[]::new))
                .get(options.joinTimeoutSeconds(), TimeUnit.SECONDS);
    }

    /** Waits for the calls still out after the window; what is left after --call-timeout timed out. */
    void drain(List<Peer> peers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.callTimeoutSeconds() + 2L);
        while (System.nanoTime() < deadline) {
            if (peers.stream().allMatch(peer -> peer.pending.isEmpty())) {
                return;
            }
            Thread.sleep(20);
        }
        expireCalls();
    }

    void closeAll(List<Peer> peers) throws InterruptedException {
        phase.closing();
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
        int timeout = options.callTimeoutSeconds();
        long limit = System.nanoTime() - TimeUnit.SECONDS.toNanos(timeout);
        for (Peer peer : all) {
            for (Map.Entry<Long, Long> call : peer.pending.entrySet()) {
                if (call.getValue() < limit && peer.pending.remove(call.getKey(), call.getValue())) {
                    tally.timeouts.increment();
                    peer.expired.add(call.getKey());
                    errors.sample("call " + call.getKey() + " of session " + peer.index + " unanswered after "
                            + timeout + " s");
                    if (phase.callsAgain()) {
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
        QueuedThreadPool pool = new QueuedThreadPool(options.clientThreads());
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
}
