package io.disco.common.discovery;

/** A discovery call that failed: the server could not be reached, or it answered with an error. */
public class DiscoException extends RuntimeException {

    public DiscoException(String message, Throwable cause) {
        super(message, cause);
    }
}
