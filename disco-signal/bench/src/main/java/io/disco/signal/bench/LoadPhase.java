package io.disco.signal.bench;

/**
 * Where a run is, as every session sees it: whether calls are still being made, and whether the
 * driver itself is closing the sessions (so their closes are no error).
 */
final class LoadPhase {

    private final boolean closedLoop;
    private volatile boolean running;
    private volatile boolean closing;

    /** @param closedLoop each answer (or timeout) sends the session's next call, as in saturate */
    LoadPhase(boolean closedLoop) {
        this.closedLoop = closedLoop;
    }

    void start() {
        running = true;
    }

    void stop() {
        running = false;
    }

    boolean running() {
        return running;
    }

    /** Whether a session whose call just ended sends its next one now. */
    boolean callsAgain() {
        return running && closedLoop;
    }

    void closing() {
        closing = true;
    }

    boolean isClosing() {
        return closing;
    }
}
