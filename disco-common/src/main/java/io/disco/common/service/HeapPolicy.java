package io.disco.common.service;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the JVM give heap it no longer needs back to the operating system, as the Go original's
 * runtime did. A disco server's live data is small and proportional to its clients, but bursts
 * (thousands of TLS handshakes at once) grow the heap, and HotSpot's defaults keep up to 70% of it
 * free and committed for good: 10,000 idle signaling sessions held about 550 MiB of RSS for
 * 130 MiB of live objects. Smaller free ratios shrink the heap after each collection, and an
 * occasional collection while idle (G1) lets it shrink even when nothing allocates.
 *
 * <p>Only flags still at their defaults are changed: whatever the operator gives on the
 * {@code java} command line wins.
 */
public final class HeapPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(HeapPolicy.class);

    /** In order: the minimum must drop before the maximum can go below its default. */
    static final Map<String, String> FLAGS = flags();

    private HeapPolicy() {
    }

    private static Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("MinHeapFreeRatio", "10");
        flags.put("MaxHeapFreeRatio", "30");
        flags.put("G1PeriodicGCInterval", "60000");
        return flags;
    }

    public static void apply() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null) {
            return;
        }
        FLAGS.forEach((name, value) -> {
            try {
                VMOption option = hotspot.getVMOption(name);
                if (option.getOrigin() == VMOption.Origin.DEFAULT && option.isWriteable()) {
                    hotspot.setVMOption(name, value);
                    LOG.debug("Set -XX:{}={}", name, value);
                }
            } catch (IllegalArgumentException e) {
                // A JVM without this flag (another collector, another VM) keeps its own policy.
                LOG.debug("Left {} alone: {}", name, e.getMessage());
            }
        });
    }
}
