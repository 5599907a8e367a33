package io.disco.api.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@code --max-body-size} with 413: at once when the declared length
 * is too large, and after at most the limit when a chunked body runs over it. The body is read
 * whole before parsing, so a refused request has changed nothing.
 */
@PreMatching
final class BodySizeLimit implements ContainerRequestFilter, ReaderInterceptor {

    private final long maxBytes;

    BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new ByteArrayInputStream(readAtMostLimit(context.getInputStream())));
        return context.proceed();
    }

    private byte[] readAtMostLimit(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (body.size() + (long) n > maxBytes) {
                throw tooLarge();
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private WebApplicationException tooLarge() {
        return new WebApplicationException("request body is larger than " + maxBytes + " bytes",
                Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }
}
