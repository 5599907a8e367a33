package io.disco.api.cors;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/**
 * Lets web pages from the operator's origins use the API from a browser (a WebRTC page finding its
 * group, for one). Requests from other origins are still served, as to any non-browser client;
 * the browser just does not let the page read the answer.
 */
public final class CrossOrigins {

    /** Browsers may cache a preflight answer this long, saving a round trip per API call. */
    private static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

    private CrossOrigins() {
    }

    /** {@code next} itself when no origin is allowed, so the default costs nothing per request. */
    public static Handler allow(List<WebOrigin> origins, Handler next) {
        if (origins.isEmpty()) {
            return next;
        }
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(origins.stream().map(WebOrigin::pattern).collect(Collectors.toSet()));
        cors.setAllowedMethods(Set.of(HttpMethod.GET.asString(), HttpMethod.HEAD.asString(),
                HttpMethod.POST.asString(), HttpMethod.PATCH.asString(), HttpMethod.DELETE.asString()));
        // Authorization: a page of a registered application presents its key (--apps registered).
        cors.setAllowedHeaders(Set.of("Content-Type", "Authorization"));
        // Groups are public to whoever can reach the API, or to a key the page sends itself;
        // there are no cookies to protect.
        cors.setAllowCredentials(false);
        cors.setPreflightMaxAge(PREFLIGHT_MAX_AGE);
        cors.setHandler(next);
        return cors;
    }
}
