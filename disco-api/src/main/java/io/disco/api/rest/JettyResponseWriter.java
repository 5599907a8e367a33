package io.disco.api.rest;

import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what Jersey answers to one Jetty response. The entity is held until Jersey is done and
 * then sent, with its exact Content-Length, in one write that completes Jetty's callback when it
 * is flushed: the request's thread never waits on the network. Only an entity larger than
 * {@link #MOST_HELD_BYTES} (a listing of thousands of groups) is sent in pieces as it is written,
 * each a blocking write, so that no answer holds more than that in memory.
 */
final class JettyResponseWriter implements ContainerResponseWriter {

    private static final Logger LOG = LoggerFactory.getLogger(JettyResponseWriter.class);

    private static final int MOST_HELD_BYTES = 64 * 1024;

    // The media type answered last and its header text: turning a MediaType into text goes
    // through Jersey's header delegates, which look up configuration on each call. One entry,
    // so that nothing a client sends can grow it.
    private static volatile MediaTypeText lastMediaType;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean finished = new AtomicBoolean();
    private Entity entity;

    JettyResponseWriter(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    @Override
    public OutputStream writeResponseStatusAndHeaders(long contentLength, ContainerResponse context) {
        response.setStatus(context.getStatus());
        HttpFields.Mutable fields = response.getHeaders();
        for (Map.Entry<String, List<Object>> header : context.getHeaders().entrySet()) {
            addHeader(fields, header.getKey(), header.getValue(), context);
        }
        if (contentLength >= 0) {
            fields.put(HttpHeader.CONTENT_LENGTH, contentLength);
        }
        entity = new Entity(contentLength);
        return entity;
    }

    private static void addHeader(HttpFields.Mutable fields, String name, List<Object> values,
                                  ContainerResponse context) {
        for (Object value : values) {
            if (!(value instanceof String) && !(value instanceof MediaType)) {
                // Anything else is text only through Jersey's delegates; rare enough to ask it.
                context.getStringHeaders().get(name).forEach(text -> fields.add(name, text));
                return;
            }
        }
        for (Object value : values) {
            fields.add(name, value instanceof MediaType type ? text(type) : (String) value);
        }
    }

    private static String text(MediaType type) {
        MediaTypeText last = lastMediaType;
        if (last == null || !last.type.equals(type)) {
            last = new MediaTypeText(type, type.toString());
            lastMediaType = last;
        }
        return last.text;
    }

    @Override
    public void commit() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (entity == null) {
            callback.succeeded();
            return;
        }
        ByteBuffer rest = entity.held();
        if (!entity.sentAny && !response.getHeaders().contains(HttpHeader.CONTENT_LENGTH)) {
            // Known now that all is held: the answer goes whole, not in chunks.
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, rest.remaining());
        }
        response.write(true, rest, callback);
    }

    @Override
    public void failure(Throwable error) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        LOG.debug("Answering {} {} failed", request.getMethod(), request.getHttpURI().getPath(), error);
        if (response.isCommitted()) {
            callback.failed(error);
            return;
        }
        // Whatever status and headers were set belong to the answer that failed.
        response.reset();
        Response.writeError(request, response, callback, 500);
    }

    @Override
    public boolean enableResponseBuffering() {
        return false;
    }

    /** No resource of the API is asynchronous. */
    @Override
    public boolean suspend(long timeOut, TimeUnit timeUnit, TimeoutHandler timeoutHandler) {
        return false;
    }

    @Override
    public void setSuspendTimeout(long timeOut, TimeUnit timeUnit) {
        throw new IllegalStateException("the discovery API does not suspend requests");
    }

    private record MediaTypeText(MediaType type, String text) {
    }

    /** The entity as Jersey writes it, held in one array until it is sent. */
    private final class Entity extends OutputStream {
        private byte[] bytes;
        private int count;
        private boolean sentAny;

        Entity(long contentLength) {
            bytes = new byte[contentLength >= 0 && contentLength <= MOST_HELD_BYTES ? (int) contentLength : 1024];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int length) throws IOException {
            if (count + length > MOST_HELD_BYTES) {
                send(false, held());
                count = 0;
                if (length > MOST_HELD_BYTES) {
                    send(false, ByteBuffer.wrap(source, offset, length));
                    return;
                }
            }
            if (count + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(MOST_HELD_BYTES, Math.max(count + length, 2 * bytes.length)));
            }
            System.arraycopy(source, offset, bytes, count, length);
            count += length;
        }

        ByteBuffer held() {
            return ByteBuffer.wrap(bytes, 0, count);
        }

        private void send(boolean last, ByteBuffer content) throws IOException {
            sentAny = true;
            try (Blocker.Callback written = Blocker.callback()) {
                response.write(last, content, written);
                written.block();
            }
        }
    }
}
