package io.disco.api.rest;

import io.disco.api.apps.AppException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** The admin API's refusals: 400 for a bad registration, 404 for an unknown application, 409 for one registered already. */
final class AppExceptionMapper implements ExceptionMapper<AppException> {

    @Override
    public Response toResponse(AppException e) {
        int status = e instanceof AppException.Invalid ? 400 : e instanceof AppException.Unknown ? 404 : 409;
        return ErrorResponses.of(status, e.getMessage());
    }
}
