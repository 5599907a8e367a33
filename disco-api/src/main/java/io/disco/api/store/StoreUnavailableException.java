package io.disco.api.store;

/**
 * The store cannot serve this call now (its disk is full or read-only, its server is out of reach
 * or too slow), though the request was fine: the API answers 503 and the client may try again.
 * What was asked is either wholly done or not done at all, never half; a store whose server did
 * not answer in time cannot tell which (Redis runs each write whole, but the answer may be what
 * was lost), so a client that tries again may find its write already done.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
