package io.disco.signal.router;

/**
 * Per-session caps, so that one client cannot grow the router's memory without bound.
 *
 * @param maxRegistrations  procedures one session may register
 * @param maxSubscriptions  topics one session may subscribe to
 * @param maxPendingCalls   calls one session may have waiting for an answer
 */
public record RouterLimits(int maxRegistrations, int maxSubscriptions, int maxPendingCalls) {

    public static RouterLimits defaults() {
        return new RouterLimits(1000, 1000, 1000);
    }
}
