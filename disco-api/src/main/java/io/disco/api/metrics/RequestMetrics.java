package io.disco.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

/**
 * Times every request the API answers, by route template, method and status
 * ({@code disco_api_requests_seconds}, a histogram with its count and sum). Jetty calls it once a
 * request has completed, as it does a request log, so nothing runs on the way in, whichever
 * handler answers (the stored reads and creates ahead of Jersey, Jersey, Jetty's errors).
 *
 * <p>Each timer is looked up in the registry once and kept by route, method and status.
 */
public final class RequestMetrics implements RequestLog {

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    private static final String OTHER = "other";
    private static final int LOWEST_STATUS = 100;
    private static final int STATUSES = 500;

    private final MeterRegistry registry;
    // By route, then method (the last for any other), then status - 100 (the last for any other).
    private final AtomicReferenceArray<Timer>[][] timers;

    @SuppressWarnings("unchecked")
    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        timers = new AtomicReferenceArray[Route.values().length][METHODS.length + 1];
        for (AtomicReferenceArray<Timer>[] byMethod : timers) {
            for (int m = 0; m < byMethod.length; m++) {
                byMethod[m] = new AtomicReferenceArray<>(STATUSES + 1);
            }
        }
    }

    @Override
    public void log(Request request, Response response) {
        long nanos = NanoTime.since(request.getBeginNanoTime());
        Route route = Route.of(request.getHttpURI().getPath());
        int method = method(request.getMethod());
        int status = response.getStatus();
        int slot = status >= LOWEST_STATUS && status < LOWEST_STATUS + STATUSES ? status - LOWEST_STATUS : STATUSES;
        AtomicReferenceArray<Timer> byStatus = timers[route.ordinal()][method];
        Timer timer = byStatus.get(slot);
        if (timer == null) {
            // Two threads may both get here: the registry gives them the same timer.
            timer = register(route, method, slot == STATUSES ? OTHER : Integer.toString(status));
            byStatus.set(slot, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(Route route, int method, String status) {
        return Timer.builder("disco.api.requests")
                .description("Requests the discovery API answered, by route template, method and status, and how long each took")
                .tags("route", route.template, "method", method < METHODS.length ? METHODS[method] : OTHER,
                        "status", status)
                .serviceLevelObjectives(LatencyBuckets.REQUEST)
                .register(registry);
    }

    private static int method(String method) {
        for (int i = 0; i < METHODS.length; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return METHODS.length;
    }
}
