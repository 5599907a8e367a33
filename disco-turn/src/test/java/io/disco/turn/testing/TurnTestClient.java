package io.disco.turn.testing;

import java.io.IOException;
import java.net.SocketTimeoutException;

/** What the tests' TURN clients share, whatever carries their messages. */
public abstract class TurnTestClient implements AutoCloseable {

    /** How long a receive waits before the test fails. */
    protected static final int TIMEOUT_MILLIS = 5000;

    public abstract void send(byte[] message) throws IOException;

    /** The next message from the server. */
    public abstract byte[] receive() throws IOException;

    /** Sets how long a receive waits. */
    protected abstract void timeout(int millis) throws IOException;

    /** Sends a request and reads the response (the tests run one transaction at a time). */
    public Reply call(byte[] request) throws IOException {
        send(request);
        return Reply.of(receive());
    }

    /** Whether nothing arrives within {@code millis}. */
    public boolean silentFor(int millis) throws IOException {
        timeout(millis);
        try {
            receive();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            timeout(TIMEOUT_MILLIS);
        }
    }
}
