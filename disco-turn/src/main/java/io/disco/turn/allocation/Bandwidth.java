package io.disco.turn.allocation;

/**
 * The most relayed data an allocation may carry per second, both directions together
 * ({@code --max-bandwidth}); zero for no limit. Each allocation meters its own.
 */
public record Bandwidth(long bytesPerSecond) {

    public static final Bandwidth UNLIMITED = new Bandwidth(0);

    public Bandwidth {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("--max-bandwidth must not be negative");
        }
    }

    BandwidthMeter newMeter() {
        return bytesPerSecond == 0 ? BandwidthMeter.UNMETERED : new BandwidthMeter(bytesPerSecond);
    }
}
