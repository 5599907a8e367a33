package io.disco.api.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@code --max-body-size} with 413. The body is read whole before
 * parsing, so a refused request has changed nothing.
 *
 * <p>An oversized body is still read to its end, up to a drain limit, before the answer: a server
 * that answers and closes while the client is still sending makes the client's TCP stack discard
 * the answer on the reset, and the client sees a broken connection instead of a 413. Only a
 * declared length past the drain limit is refused without reading.
 */
@PreMatching
final class BodySizeLimit implements ContainerRequestFilter, ReaderInterceptor {

    private static final long MIN_DRAIN_BYTES = 8L << 20;

    private final long maxBytes;
    private final long drainBytes;

    BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
        this.drainBytes = Math.max(MIN_DRAIN_BYTES, maxBytes);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > drainBytes) {
            throw tooLarge();
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new ByteArrayInputStream(readAtMostLimit(context.getInputStream())));
        return context.proceed();
    }

    private byte[] readAtMostLimit(InputStream in) throws IOException {
        // readNBytes allocates as the body arrives, so the limit costs no memory up front.
        byte[] body = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        if (body.length > maxBytes) {
            drain(in, body.length, new byte[8192]);
            throw tooLarge();
        }
        return body;
    }

    private void drain(InputStream in, long read, byte[] buffer) throws IOException {
        for (int n = 0; n >= 0 && read <= drainBytes; n = in.read(buffer)) {
            read += n;
        }
    }

    private WebApplicationException tooLarge() {
        return new WebApplicationException("request body is larger than " + maxBytes + " bytes",
                Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }
}
