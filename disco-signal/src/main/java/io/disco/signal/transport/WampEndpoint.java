package io.disco.signal.transport;

import io.disco.signal.router.Router;
import io.disco.signal.router.RouterMeters;
import io.disco.signal.wamp.WampSerializer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * The websocket at {@code /}: upgrades a request that offers one of the WAMP subprotocols, in
 * the client's order of preference, and refuses any other with 400 and the list it could have
 * offered.
 *
 * <p>While the router drains, every upgrade is refused with 503 and no session begins. Refused
 * there, Autobahn|JS counts the router unreachable and retries with backoff, and the load
 * balancer, whose readiness check fails now, sends the retry to another router; an ABORT after
 * HELLO would instead end its retries ({@code Connection.onleave} turns them off).
 *
 * <p>No extension is accepted. permessage-deflate, which browsers offer, would hold a zlib
 * stream per connection (hundreds of KiB at the default window) to save bytes on messages of a
 * few KiB that cross the router once; nexus, the router this one replaces, never compressed
 * either.
 */
public final class WampEndpoint implements WebSocketNegotiator, AutoCloseable {

    private static final String SUPPORTED = String.join(", ",
            Arrays.stream(WampSerializer.values()).map(WampSerializer::subprotocol).toList());

    private final Router router;
    private final WebSocketSettings settings;
    private final Keepalive keepalive;
    private final MessageMeters meters;
    private final Clock clock;
    private final ContextHandler context;

    public WampEndpoint(Server server, Router router, WebSocketSettings settings, MessageMeters meters,
                        ScheduledExecutorService timers, Clock clock) {
        this.router = router;
        this.meters = meters;
        this.settings = settings;
        this.clock = clock;
        this.keepalive = new Keepalive(settings.keepalive(), timers, clock);
        this.context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrade = new WebSocketUpgradeHandler(
                WebSocketServerComponents.ensureWebSocketComponents(server, context),
                handler -> handler.addMapping("/", this));
        context.setHandler(upgrade);
    }

    public Handler handler() {
        return context;
    }

    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (router.isDraining()) {
            router.meters().joinRefused(RouterMeters.JoinRefusal.DRAINING);
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "this router is draining: connect to another one");
            return null;
        }
        for (String offered : request.getSubProtocols()) {
            Optional<WampSerializer> serializer = WampSerializer.forSubprotocol(offered);
            if (serializer.isPresent()) {
                response.setAcceptedSubProtocol(offered);
                response.setExtensions(List.of());
                return new WampSocket(router, serializer.get(), settings, keepalive, meters, clock);
            }
        }
        Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                "no WAMP subprotocol offered; this router speaks " + SUPPORTED);
        return null;
    }

    @Override
    public void customize(Configuration configuration) {
        // A frame is never larger than the largest message; one over it is refused (1009) as the
        // parser meets its header, before any of it is buffered.
        configuration.setMaxFrameSize(settings.maxMessageBytes());
        configuration.setAutoFragment(false);
        configuration.setMaxTextMessageSize(settings.maxMessageBytes());
        configuration.setMaxBinaryMessageSize(settings.maxMessageBytes());
        // Our keepalive finds dead peers; Jetty's idle timeout is only the backstop behind it.
        configuration.setIdleTimeout(settings.keepalive().multipliedBy(3).plus(Duration.ofSeconds(1)));
    }

    @Override
    public void close() {
        keepalive.close();
    }
}
