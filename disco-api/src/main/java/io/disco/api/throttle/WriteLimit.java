package io.disco.api.throttle;

import io.disco.common.net.Cidr;
import java.util.List;

/**
 * How fast one client address may write, and which proxies may name the client in
 * {@code X-Forwarded-For}.
 *
 * @param rate           writes refilled per unit of time, or {@link WriteRate#UNLIMITED}
 * @param burst          writes a client that was quiet may make at once
 * @param trustedProxies direct peers whose {@code X-Forwarded-For} is believed
 */
public record WriteLimit(WriteRate rate, int burst, List<Cidr> trustedProxies) {

    public static final String DEFAULT_RATE = "20/s";
    public static final int DEFAULT_BURST = 100;

    public WriteLimit {
        if (burst < 1) {
            throw new IllegalArgumentException("--write-burst must be at least 1");
        }
        // A bucket holds the burst as nanoseconds of refill, which must fit a long (about 292 years).
        if (!rate.unlimited() && burst > Long.MAX_VALUE / rate.nanosPerWrite()) {
            throw new IllegalArgumentException("--write-burst " + burst + " at --write-rate " + rate
                    + " would take centuries to refill");
        }
        trustedProxies = List.copyOf(trustedProxies);
    }

    public static WriteLimit defaults() {
        return new WriteLimit(WriteRate.parse(DEFAULT_RATE), DEFAULT_BURST, List.of());
    }

    public static WriteLimit none() {
        return new WriteLimit(WriteRate.UNLIMITED, DEFAULT_BURST, List.of());
    }
}
