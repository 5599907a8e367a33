package io.disco.api.throttle;

import io.disco.common.discovery.ErrorBody;
import io.disco.common.json.DiscoJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** An error answer given by a handler ahead of Jersey, before the request's body was read. */
public final class Refusal {

    private static final long MAX_DRAIN_BYTES = 1L << 20;
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private Refusal() {
    }

    /**
     * Answers {@code status} and the API's JSON error body once the request's body is read:
     * answering while the client still sends makes Jetty close the connection, and a client that
     * sent its next request on it sees a broken connection instead of this answer. A body declared
     * too large to be worth reading closes it anyway. {@code response}'s headers set before stay.
     */
    public static void send(Request request, Response response, Callback callback, int status, String message)
            throws IOException {
        response.setStatus(status);
        response.getHeaders().put(JSON);
        ByteBuffer body = ByteBuffer.wrap(DiscoJson.mapper().writeValueAsBytes(new ErrorBody(message, status)));
        // A chunked body could go on for ever, so it is not read either: the connection closes.
        if (request.getLength() > MAX_DRAIN_BYTES || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, body, callback);
            return;
        }
        Content.Source.consumeAll(request, Callback.from(() -> response.write(true, body, callback),
                callback::failed));
    }
}
