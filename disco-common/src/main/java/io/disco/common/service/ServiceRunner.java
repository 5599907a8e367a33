package io.disco.common.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts a process's services in order, logs where each listens, and on SIGTERM or SIGINT stops
 * them in reverse order before the JVM exits. A service that fails to start stops the ones
 * already started.
 */
public final class ServiceRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    private ServiceRunner() {
    }

    /**
     * Blocks until the process is asked to stop and every service has stopped. Libraries that log
     * through java.util.logging (Jersey) are routed to SLF4J first, so one configuration rules all;
     * the JVM is told to return unused heap ({@link HeapPolicy}).
     */
    public static void runUntilStopped(List<? extends Service> services) throws Exception {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        HeapPolicy.apply();
        List<Service> started = startAll(services);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping");
            stopAll(started);
            LOG.info("Stopped");
            stopped.countDown();
        }, "disco-shutdown"));
        stopped.await();
    }

    /** Starts each in turn; on a failure stops those already started and rethrows. */
    public static List<Service> startAll(List<? extends Service> services) throws Exception {
        List<Service> started = new ArrayList<>();
        for (Service service : services) {
            try {
                service.start();
            } catch (Exception e) {
                stopAll(started);
                throw e;
            }
            started.add(service);
            LOG.info("Started {}", service.describe());
        }
        return started;
    }

    public static void stopAll(List<Service> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping {} failed", started.get(i).describe(), e);
            }
        }
    }
}
