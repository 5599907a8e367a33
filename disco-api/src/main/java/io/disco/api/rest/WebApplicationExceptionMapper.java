package io.disco.api.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.TreeSet;

/**
 * Jersey's own refusals (no such endpoint, wrong method, unacceptable type) and ours (413) in the
 * API's error format, keeping their headers.
 */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return UnexpectedExceptionMapper.internalError(e);
        }
        return ErrorResponses.of(Response.fromResponse(original), status, message(e, status));
    }

    private String message(WebApplicationException e, int status) {
        if (e instanceof NotFoundException) {
            return "no such endpoint: /" + uri.getPath();
        }
        if (e instanceof NotAllowedException) {
            return "method not allowed on /" + uri.getPath() + "; allowed: " + new TreeSet<>(e.getResponse().getAllowedMethods());
        }
        // Jersey's default messages are "HTTP 415 Unsupported Media Type" and the like.
        String message = e.getMessage();
        return message == null || message.startsWith("HTTP ")
                ? e.getResponse().getStatusInfo().getReasonPhrase()
                : message;
    }
}
