package io.disco.api.rest;

import io.disco.api.ice.NoIceServersException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A server with no ICE servers to hand out: 404, saying what it lacks. */
final class NoIceServersMapper implements ExceptionMapper<NoIceServersException> {

    @Override
    public Response toResponse(NoIceServersException e) {
        return ErrorResponses.of(404, e.getMessage());
    }
}
