package io.disco.turn.allocation;

import java.time.Duration;

/**
 * How long allocations live (RFC 5766 §6.2, §7.2): 600 s unless the client asks for more, never
 * more than the server's maximum.
 */
public record Lifetimes(Duration standard, Duration maximum) {

    public static final Duration DEFAULT = Duration.ofMinutes(10);

    public static Lifetimes withMaximum(Duration maximum) {
        return new Lifetimes(DEFAULT.compareTo(maximum) <= 0 ? DEFAULT : maximum, maximum);
    }

    /** The lifetime to grant for a LIFETIME of {@code requestedSeconds} (null when the client sent none). */
    public Duration grant(Long requestedSeconds) {
        if (requestedSeconds == null) {
            return standard;
        }
        Duration requested = Duration.ofSeconds(requestedSeconds);
        Duration capped = requested.compareTo(maximum) < 0 ? requested : maximum;
        return capped.compareTo(standard) > 0 ? capped : standard;
    }
}
