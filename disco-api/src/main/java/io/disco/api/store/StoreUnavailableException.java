package io.disco.api.store;

/**
 * The store cannot serve this call now (its disk is full or read-only, its server is out of reach
 * or too slow), though the request was fine: the API answers 503 and the client may try again.
 * What was asked is either wholly done or not done at all; a store that cannot tell which does
 * not throw this.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
