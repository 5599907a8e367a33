package io.disco.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.disco.common.discovery.ErrorBody;
import io.disco.common.json.DiscoJson;
import io.disco.common.service.JettyLifecycle;
import io.disco.common.service.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The operators' listener: {@code GET /metrics} in Prometheus's text format, {@code GET /healthz}
 * and {@code GET /readyz} for a supervisor and a load balancer, {@code POST /drain} (and
 * {@code GET /drain}, its progress) to take the process out of its fleet. Plain HTTP on a port of
 * its own, so that scraping never competes with the service's TLS listeners, and a few threads of
 * its own, so that a saturated service still answers its health checks.
 */
public final class OpsListener implements Service {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final OpsConfig config;
    private final Operations operations;
    private final Server server;
    private final ServerConnector connector;

    public OpsListener(OpsConfig config, Operations operations) {
        this.config = config;
        this.operations = operations;
        QueuedThreadPool threads = new QueuedThreadPool(4, 1);
        threads.setName("disco-ops");
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(config.host().getHostAddress());
        connector.setPort(config.port().orElse(0));
        server.addConnector(connector);
        server.setHandler(new Routes());
    }

    /** The listener {@code config} asks for, if it asks for one. */
    public static Optional<Service> of(OpsConfig config, Operations operations) {
        return config.port().isPresent() ? Optional.of(new OpsListener(config, operations)) : Optional.empty();
    }

    @Override
    public void start() throws Exception {
        JettyLifecycle.start(server, "the metrics listener", config.host().getHostAddress(), config.port().orElse(0));
    }

    @Override
    public void stop() {
        JettyLifecycle.stop(server, "the metrics listener");
    }

    /** The port it listens on, once started. */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public String describe() {
        return "metrics listener on http://" + hostForUrl() + ":" + port() + "/metrics";
    }

    private String hostForUrl() {
        String host = config.host().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private final class Routes extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            switch (path) {
                case "/metrics" -> {
                    if (only(HttpMethod.GET, method, response, callback)) {
                        send(response, callback, HttpStatus.OK_200, PROMETHEUS_TEXT, operations.scrape());
                    }
                }
                case "/healthz" -> {
                    if (only(HttpMethod.GET, method, response, callback)) {
                        health(response, callback, operations.liveness(), false);
                    }
                }
                case "/readyz" -> {
                    if (only(HttpMethod.GET, method, response, callback)) {
                        List<HealthCheck> checks = new ArrayList<>(operations.liveness());
                        checks.addAll(operations.readiness());
                        health(response, callback, checks, true);
                    }
                }
                case "/drain" -> drain(request, method, response, callback);
                default -> error(response, callback, HttpStatus.NOT_FOUND_404,
                        "no such path: " + path + " (the metrics listener serves /metrics, /healthz, /readyz, /drain)");
            }
            return true;
        }

        private void health(Response response, Callback callback, List<HealthCheck> checks, boolean readiness) {
            Map<String, String> problems = new LinkedHashMap<>();
            for (HealthCheck check : checks) {
                check.problem().ifPresent(problem -> problems.put(check.name(), problem));
            }
            if (readiness && operations.drain().begun()) {
                problems.put("drain", "draining: no new work is taken");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", problems.isEmpty() ? "ok" : "failing");
            if (!problems.isEmpty()) {
                body.put("problems", problems);
            }
            json(response, callback, problems.isEmpty() ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503, body);
        }

        private void drain(Request request, String method, Response response, Callback callback) {
            boolean post = HttpMethod.POST.is(method);
            if (!post && !HttpMethod.GET.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
                error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, method + " /drain: use POST to drain, GET to follow it");
                return;
            }
            if (post && config.drainNeedsToken() && !authorised(request)) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"disco\"");
                error(response, callback, HttpStatus.UNAUTHORIZED_401, "POST /drain needs Authorization: Bearer <admin token>");
                return;
            }
            if (post) {
                operations.drain().begin();
            }
            json(response, callback, post ? HttpStatus.ACCEPTED_202 : HttpStatus.OK_200, operations.drain().state());
        }

        private boolean authorised(Request request) {
            String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return false;
            }
            return config.adminToken().map(token -> token.matches(authorization.substring(7).strip())).orElse(false);
        }

        private boolean only(HttpMethod allowed, String method, Response response, Callback callback) {
            if (allowed.is(method)) {
                return true;
            }
            response.getHeaders().put(HttpHeader.ALLOW, allowed.asString());
            error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, method + " is not allowed here; use " + allowed);
            return false;
        }

        private void error(Response response, Callback callback, int status, String message) {
            json(response, callback, status, new ErrorBody(message, status));
        }

        private void json(Response response, Callback callback, int status, Object body) {
            String text;
            try {
                text = DiscoJson.mapper().writeValueAsString(body);
            } catch (JsonProcessingException e) {
                callback.failed(e);
                return;
            }
            send(response, callback, status, "application/json", text);
        }

        private void send(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            Content.Sink.write(response, true, body, callback);
        }
    }
}
