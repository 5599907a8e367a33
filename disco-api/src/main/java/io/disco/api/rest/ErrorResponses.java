package io.disco.api.rest;

import io.disco.common.discovery.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every error answer of the API: a status and {@code {"error": "...", "status": N}}. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Response of(int status, String message) {
        return of(Response.status(status), status, message);
    }

    /** Keeps what {@code builder} already carries, such as the Allow header of a 405. */
    static Response of(Response.ResponseBuilder builder, int status, String message) {
        return builder.status(status)
                .entity(new ErrorBody(message, status))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
