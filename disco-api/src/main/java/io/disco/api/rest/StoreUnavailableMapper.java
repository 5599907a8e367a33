package io.disco.api.rest;

import io.disco.api.store.StoreUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * 503 with the JSON error body and a Retry-After: the request may succeed once the store is back.
 * The body says no more than that: why the store failed (a Redis host inside the deployment, the
 * database's own words) is the operator's, and the store logs it when it goes and when it comes
 * back; one line per refused request would bury that during an outage.
 */
final class StoreUnavailableMapper implements ExceptionMapper<StoreUnavailableException> {

    static final int STATUS = 503;
    static final String MESSAGE = "store unavailable";
    static final int RETRY_AFTER_SECONDS = 1;

    @Override
    public Response toResponse(StoreUnavailableException e) {
        return ErrorResponses.of(Response.status(STATUS).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS), STATUS,
                MESSAGE);
    }
}
