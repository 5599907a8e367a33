package io.disco.api.throttle;

import io.disco.common.discovery.ErrorBody;
import io.disco.common.json.DiscoJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses writes past {@code --write-rate} per client address with 429, a {@code Retry-After}
 * and the API's JSON error body, before Jersey reads the request. Reads are never limited.
 */
public final class WriteThrottle extends Handler.Wrapper {

    static final int TOO_MANY_REQUESTS = 429;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_DRAIN_BYTES = 1L << 20;
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private final ClientBuckets buckets;
    private final ClientAddresses clients;
    private final Clock clock;

    WriteThrottle(ClientBuckets buckets, ClientAddresses clients, Clock clock, Handler next) {
        super(next);
        this.buckets = buckets;
        this.clients = clients;
        this.clock = clock;
    }

    /** {@code next} itself when writes are unlimited, so that costs nothing per request. */
    public static Handler around(WriteLimit limit, Clock clock, Handler next) {
        if (limit.rate().unlimited()) {
            return next;
        }
        return new WriteThrottle(new ClientBuckets(limit.rate(), limit.burst(), ClientBuckets.DEFAULT_MAX_CLIENTS),
                new ClientAddresses(limit.trustedProxies()), clock, next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (isWrite(request.getMethod())) {
            InetAddress client = clientOf(request);
            long wait = client == null ? 0 : buckets.take(client, clock.instant());
            if (wait > 0) {
                refuse(request, response, callback, (wait + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    private static boolean isWrite(String method) {
        return !(HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method) || HttpMethod.OPTIONS.is(method));
    }

    private InetAddress clientOf(Request request) {
        SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(peer instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return null;
        }
        return clients.clientOf(socket.getAddress(), request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR));
    }

    /**
     * Answers once the request's body is read: answering while the client still sends makes Jetty
     * close the connection, and a client that sent its next request on it sees a broken connection
     * instead of this answer. A body declared too large to be worth reading closes it anyway.
     */
    private static void refuse(Request request, Response response, Callback callback, long retryAfterSeconds)
            throws IOException {
        response.setStatus(TOO_MANY_REQUESTS);
        response.getHeaders().put(JSON);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        ByteBuffer body = ByteBuffer.wrap(DiscoJson.mapper().writeValueAsBytes(new ErrorBody(
                "too many writes from this address; try again in " + retryAfterSeconds + " s", TOO_MANY_REQUESTS)));
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
