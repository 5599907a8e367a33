package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.group.GroupQuota;
import io.disco.api.throttle.WriteLimit;
import io.disco.api.throttle.WriteRate;
import io.disco.common.net.Cidr;
import io.disco.common.testing.TestTls;
import io.disco.common.tls.ClientTrust;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code --write-rate} and {@code --trusted-proxy} as clients see them, over HTTPS. */
class WriteThrottleHttpTest {

    private static final int BURST = 5;
    private static final String BODY = "{\"AppID\":\"chat\"}";

    private final HttpClient http = HttpClient.newBuilder()
            .sslContext(ClientTrust.certificate(TestTls.certFile()).sslContext()).build();

    private static RunningApi api(List<Cidr> trustedProxies) throws Exception {
        return new RunningApi(GroupQuota.defaults(), new WriteLimit(WriteRate.parse("20/s"), BURST, trustedProxies));
    }

    private HttpResponse<String> send(RunningApi api, String method, String path, String forwardedFor)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + api.server.port() + path))
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(BODY))
                .header("Content-Type", "application/json");
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RunningApi api, String forwardedFor) throws Exception {
        return send(api, "POST", "/group", forwardedFor);
    }

    @Test
    void pastTheBurstWritesGet429WithRetryAfterWhileReadsGoOn() throws Exception {
        try (RunningApi api = api(List.of())) {
            String id = post(api, null).body().replace("\"", "");
            for (int i = 1; i < BURST - 1; i++) {
                assertEquals(201, post(api, null).statusCode());
            }
            assertEquals(200, send(api, "PATCH", "/groups/" + id, null).statusCode());

            HttpResponse<String> refused = post(api, null);
            assertEquals(429, refused.statusCode());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("application/json", refused.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"error\":\"too many writes from this address; try again in 1 s\",\"status\":429}",
                    refused.body());
            assertEquals(429, send(api, "DELETE", "/groups/" + id, null).statusCode());
            assertEquals(429, send(api, "PATCH", "/groups/" + id, null).statusCode());
            for (int i = 0; i < 3 * BURST; i++) {
                assertEquals(200, send(api, "GET", "/groups/" + id, null).statusCode());
                assertEquals(200, send(api, "GET", "/groups?app-id=chat", null).statusCode());
            }
            assertEquals(BURST - 1, api.server.store().size());

            api.clock.advance(Duration.ofMillis(50));
            assertEquals(200, send(api, "DELETE", "/groups/" + id, null).statusCode());
            assertEquals(429, post(api, null).statusCode());
        }
    }

    @Test
    void anUntrustedPeerCannotNameAnotherClient() throws Exception {
        try (RunningApi api = api(List.of())) {
            for (int i = 0; i < BURST; i++) {
                assertEquals(201, post(api, "198.51.100." + i).statusCode());
            }
            assertEquals(429, post(api, "198.51.100.99").statusCode());
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBucket() throws Exception {
        try (RunningApi api = api(List.of(Cidr.parse("127.0.0.1")))) {
            for (int i = 0; i < BURST; i++) {
                assertEquals(201, post(api, "6.6.6.6, 198.51.100.7").statusCode());
            }
            // What the client wrote left of the proxy's entry changes nothing.
            assertEquals(429, post(api, "7.7.7.7, 198.51.100.7").statusCode());
            assertEquals(201, post(api, "198.51.100.8").statusCode());
        }
    }

    /**
     * One client floods creates from many connections while another keeps reading and writing:
     * the flood keeps no more groups than its burst (the clock stands still), the other client is
     * served throughout, and the heap after the flood is printed for the record.
     */
    @Test
    void aFloodFromOneAddressKeepsNothingPastItsBurstAndOthersAreServed() throws Exception {
        int floodThreads = 6;
        int floodPerThread = 500;
        try (RunningApi api = api(List.of(Cidr.parse("127.0.0.1")))) {
            long heapBefore = usedHeapAfterGc();
            ExecutorService pool = Executors.newFixedThreadPool(floodThreads + 1);
            AtomicInteger created = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicBoolean flooding = new AtomicBoolean(true);
            List<Future<?>> flood = new ArrayList<>();
            try {
                for (int t = 0; t < floodThreads; t++) {
                    flood.add(pool.submit(() -> {
                        for (int i = 0; i < floodPerThread; i++) {
                            int status = post(api, "198.51.100.66").statusCode();
                            (status == 201 ? created : refused).incrementAndGet();
                        }
                        return null;
                    }));
                }
                Future<Integer> other = pool.submit(() -> {
                    int served = 0;
                    while (flooding.get() || served < 40) {
                        // Reads are never limited; this client writes its whole burst, and no more, as the
                        // clock stands still.
                        boolean writes = served % 20 == 0 && served / 20 < BURST;
                        HttpResponse<String> write = writes ? post(api, "198.51.100.77") : null;
                        assertTrue(write == null || write.statusCode() == 201, () -> "refused " + write.body());
                        assertEquals(200, send(api, "GET", "/groups?app-id=chat", "198.51.100.77").statusCode());
                        served++;
                    }
                    return served;
                });
                for (Future<?> f : flood) {
                    f.get(120, TimeUnit.SECONDS);
                }
                flooding.set(false);
                int served = other.get(60, TimeUnit.SECONDS);
                long heapAfter = usedHeapAfterGc();

                assertEquals(BURST, created.get());
                assertEquals(floodThreads * floodPerThread - BURST, refused.get());
                assertTrue(api.server.store().size() <= 2 * BURST, "kept " + api.server.store().size());
                System.out.printf("flood of %d creates from one address: %d kept, %d refused; other client "
                                + "served %d reads; heap used after GC %d KiB before, %d KiB after%n",
                        floodThreads * floodPerThread, created.get(), refused.get(), served, heapBefore / 1024,
                        heapAfter / 1024);
            } finally {
                flooding.set(false);
                pool.shutdownNow();
            }
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
