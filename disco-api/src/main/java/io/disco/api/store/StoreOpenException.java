package io.disco.api.store;

/**
 * A store could not be opened as configured: its file is missing, unreadable, corrupt or from a
 * newer version, or its server is out of reach. Start-up stops with this message, which names
 * the file or server, rather than starting with no groups.
 */
public final class StoreOpenException extends RuntimeException {

    public StoreOpenException(String message) {
        super(message);
    }

    public StoreOpenException(String message, Throwable cause) {
        super(message, cause);
    }
}
