package io.disco.signal.transport;

import io.disco.signal.SignalConfig;
import io.disco.signal.router.Router;
import io.disco.signal.wamp.WampSerializer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The websocket at {@code /}: upgrades a request that offers one of the WAMP subprotocols, in
 * the client's order of preference, and refuses any other with 400 and the list it could have
 * offered.
 */
public final class WampEndpoint implements AutoCloseable {

    private static final String SUPPORTED = String.join(", ",
            Arrays.stream(WampSerializer.values()).map(WampSerializer::subprotocol).toList());

    private final Router router;
    private final SignalConfig config;
    private final Keepalive keepalive;
    private final Clock clock;
    private final ContextHandler context;

    public WampEndpoint(Server server, Router router, SignalConfig config, ScheduledExecutorService timers,
                        Clock clock) {
        this.router = router;
        this.config = config;
        this.clock = clock;
        this.keepalive = new Keepalive(config.keepalive(), timers, clock);
        this.context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxTextMessageSize(config.maxMessageBytes());
            container.setMaxBinaryMessageSize(config.maxMessageBytes());
            // Our keepalive finds dead peers; Jetty's idle timeout is only the backstop behind it.
            container.setIdleTimeout(config.keepalive().multipliedBy(3).plus(Duration.ofSeconds(1)));
            container.addMapping("/", this::upgrade);
        });
        context.setHandler(upgrade);
    }

    public Handler handler() {
        return context;
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        for (String offered : request.getSubProtocols()) {
            Optional<WampSerializer> serializer = WampSerializer.forSubprotocol(offered);
            if (serializer.isPresent()) {
                response.setAcceptedSubProtocol(offered);
                return new WampSocket(router, serializer.get(), config.maxQueued(), keepalive, clock);
            }
        }
        Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                "no WAMP subprotocol offered; this router speaks " + SUPPORTED);
        return null;
    }

    @Override
    public void close() {
        keepalive.close();
    }
}
