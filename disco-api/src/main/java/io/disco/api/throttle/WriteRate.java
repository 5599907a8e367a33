package io.disco.api.throttle;

import java.time.Duration;
import java.util.Locale;

/**
 * How many writes one client may make per unit of time, written {@code 20/s}, {@code 600/m} or
 * {@code 3600/h}; {@code 0} for no limit.
 */
public record WriteRate(long writes, Duration per) {

    public static final WriteRate UNLIMITED = new WriteRate(0, Duration.ofSeconds(1));

    public WriteRate {
        if (writes < 0 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a write rate is a number of writes per s, m or h");
        }
    }

    /** @throws IllegalArgumentException when {@code text} is not {@code N/s}, {@code N/m}, {@code N/h} or 0 */
    public static WriteRate parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return UNLIMITED;
        }
        int slash = value.indexOf('/');
        Duration per = slash < 0 ? null : switch (value.substring(slash + 1)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> null;
        };
        long writes = -1;
        if (per != null) {
            try {
                writes = Long.parseLong(value.substring(0, slash));
            } catch (NumberFormatException e) {
                writes = -1;
            }
        }
        if (writes < 1) {
            throw new IllegalArgumentException("'" + text + "' is not a write rate (write it like 20/s, 600/m "
                    + "or 3600/h, or 0 for none)");
        }
        return new WriteRate(writes, per);
    }

    public boolean unlimited() {
        return writes == 0;
    }

    /** The time one write's token takes to come back. */
    long nanosPerWrite() {
        return Math.max(1, per.toNanos() / writes);
    }

    @Override
    public String toString() {
        if (unlimited()) {
            return "0";
        }
        String unit = per.equals(Duration.ofSeconds(1)) ? "s" : per.equals(Duration.ofMinutes(1)) ? "m" : "h";
        return writes + "/" + unit;
    }
}
