package io.disco.signal;

/**
 * What the signaling router counts, read at one moment (each count on its own: the set is not one
 * atomic snapshot).
 *
 * @param connections websocket connections open, joined to a realm or not yet
 * @param sessions    WAMP sessions joined, over every realm
 */
public record SignalCounters(int connections, int sessions) {
}
