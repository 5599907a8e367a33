package io.disco.signal.wamp;

/** A frame that is not a well-formed WAMP message, or one that comes at the wrong time. */
public final class ProtocolViolation extends Exception {

    public ProtocolViolation(String message) {
        super(message, null, false, false);
    }
}
