package io.disco.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the services of one process show operators: the meters they record into, the checks of
 * liveness and readiness, and the drain. Services add their checks and what they drain while
 * the process is assembled, before anything starts.
 */
public final class Operations implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<HealthCheck> liveness = new CopyOnWriteArrayList<>();
    private final List<HealthCheck> readiness = new CopyOnWriteArrayList<>();
    private final List<Drainable> drainables = new CopyOnWriteArrayList<>();
    private final Drain drain = new Drain(drainables);

    public Operations() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Where services record their meters. */
    public MeterRegistry meters() {
        return registry;
    }

    /** Everything recorded, in Prometheus's text format. */
    String scrape() {
        return registry.scrape();
    }

    /** A check that, failing, means the process should be restarted; it also fails readiness. */
    public void alive(HealthCheck check) {
        liveness.add(check);
    }

    /** A check that, failing, means the process should get no new work for now. */
    public void ready(HealthCheck check) {
        readiness.add(check);
    }

    public void drains(Drainable service) {
        drainables.add(service);
    }

    public Drain drain() {
        return drain;
    }

    List<HealthCheck> liveness() {
        return liveness;
    }

    List<HealthCheck> readiness() {
        return readiness;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
