package io.disco.api.ice;

/** {@code GET /ice-servers} on a server with nothing to hand out; the message says what is missing. */
public final class NoIceServersException extends RuntimeException {

    NoIceServersException(String message) {
        super(message, null, false, false);
    }
}
