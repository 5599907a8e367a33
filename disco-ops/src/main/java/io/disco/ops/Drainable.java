package io.disco.ops;

/**
 * A service that a drain takes out of a fleet: from {@link #drain} on it turns new work away
 * (a TURN server new allocations, a router new sessions) and lets what it holds run to its end.
 */
public interface Drainable {

    /** What it counts while draining, plural, for the JSON body: {@code "allocations"}, {@code "sessions"}. */
    String holds();

    /** Turns new work away from now on; called once. */
    void drain();

    /** How much of what it {@link #holds} is still running. */
    long remaining();
}
