package io.disco.api.throttle;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
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
            InetAddress client = clients.clientOf(request);
            long wait = client == null ? 0 : buckets.take(client, clock.instant());
            if (wait > 0) {
                refuse(request, response, callback, ClientBuckets.seconds(wait));
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    private static boolean isWrite(String method) {
        return !(HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method) || HttpMethod.OPTIONS.is(method));
    }

    private static void refuse(Request request, Response response, Callback callback, long retryAfterSeconds)
            throws IOException {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        Refusal.send(request, response, callback, TOO_MANY_REQUESTS,
                "too many writes from this address; try again in " + retryAfterSeconds + " s");
    }
}
