package io.disco.common.apps;

/**
 * The directory of applications cannot answer now: the store it reads is out of reach or slower
 * than its timeout. Not an answer about the application, so what asked is refused as a temporary
 * failure (an HTTP 503, a WAMP ABORT the client may retry, a STUN 500), never as an unknown app.
 */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
