package io.disco.api.store;

import io.disco.common.apps.DirectoryUnavailableException;

/**
 * The store cannot serve this call now (its disk is full or read-only, its server is out of reach
 * or too slow), though the request was fine: the API answers 503 and the client may try again.
 * What was asked is either wholly done or not done at all, never half; a store whose server did
 * not answer in time cannot tell which (Redis runs each write whole, but the answer may be what
 * was lost), so a client that tries again may find its write already done.
 *
 * <p>A {@link DirectoryUnavailableException}: the router and the relay that read applications
 * from the API's store in one process refuse a join or a login as temporarily failed.
 */
public final class StoreUnavailableException extends DirectoryUnavailableException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
