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
     *
     * <p>The stopping hook is in place before the first service starts: a SIGTERM during start-up
     * waits for the service starting then, stops those started, and starts no more.
     */
    public static void runUntilStopped(List<? extends Service> services) throws Exception {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        HeapPolicy.apply();
        Running running = new Running();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            stopped.countDown();
        }, "disco-shutdown"));
        for (Service service : services) {
            if (!running.start(service)) {
                break;
            }
        }
        stopped.await();
    }

    /** The services started so far, which start and stop one at a time. */
    private static final class Running {

        private final List<Service> started = new ArrayList<>();
        // Set before the stop waits for a start in progress, so the next start sees it.
        private volatile boolean stopping;

        /** Starts {@code service} unless stopping began; a failure stops those started and rethrows. */
        synchronized boolean start(Service service) throws Exception {
            if (stopping) {
                return false;
            }
            try {
                service.start();
            } catch (Exception e) {
                stopAll(started);
                started.clear();
                throw e;
            }
            started.add(service);
            LOG.info("Started {}", service.describe());
            return true;
        }

        void stop() {
            stopping = true;
            synchronized (this) {
                if (started.isEmpty()) {
                    // Nothing to stop: start-up failed (and said why) or had not got far.
                    return;
                }
                LOG.info("Stopping");
                stopAll(started);
                started.clear();
                LOG.info("Stopped");
            }
        }
    }

    private static void stopAll(List<Service> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping {} failed", started.get(i).describe(), e);
            }
        }
    }
}
