package io.disco.api.rest;

import io.disco.api.audit.WriteClients;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.SecurityContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.spi.Container;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Jersey application as a Jetty handler: each request becomes a {@link ContainerRequest},
 * and what Jersey answers is written with one non-blocking write ({@link JettyResponseWriter}).
 *
 * <p>Jersey's own Jetty container does the same job with more per request: it makes the Jetty
 * request and response injectable (two request-scoped lookups in the injection container), builds
 * the base URI afresh each time, formats a log message it does not log, and writes the entity
 * through a blocking stream, parking the thread until each write is flushed. The discovery API
 * injects none of Jetty's objects, its answers are small and complete before they are sent, and
 * the profile of a request by ID showed those steps at about a fifth of its CPU.
 */
public final class JerseyHandler extends Handler.Abstract implements Container {

    private static final Logger LOG = LoggerFactory.getLogger(JerseyHandler.class);

    private final ApplicationHandler application;
    // The base URI of the last request, which is every request's as long as clients name the
    // server the same way; one entry, so that Host headers cannot grow a cache.
    private volatile BaseUri lastBase;

    public JerseyHandler(Application application) {
        this.application = new ApplicationHandler(application);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        application.onStartup(this);
    }

    @Override
    protected void doStop() throws Exception {
        application.onShutdown(this);
        super.doStop();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        JettyResponseWriter writer = new JettyResponseWriter(request, response, callback);
        ContainerRequest jerseyRequest;
        try {
            jerseyRequest = jerseyRequest(request);
        } catch (URISyntaxException e) {
            // Jetty accepts some targets (a query with a space or a brace, say) that java.net.URI
            // does not; they can name nothing the API serves.
            LOG.debug("Request target {} is not a URI: {}", request.getHttpURI(), e.getMessage());
            Response.writeError(request, response, callback, 400, "malformed request target");
            return true;
        }
        jerseyRequest.setWriter(writer);
        application.handle(jerseyRequest);
        return true;
    }

    private ContainerRequest jerseyRequest(Request request) throws URISyntaxException {
        HttpURI target = request.getHttpURI();
        BaseUri base = baseUri(request);
        String query = target.getQuery();
        URI requestUri = new URI(base.prefix + target.getPath() + (query == null ? "" : "?" + query));
        ContainerRequest jerseyRequest = new ContainerRequest(base.uri, requestUri, request.getMethod(),
                request.isSecure() ? Security.HTTPS : Security.HTTP, new MapPropertiesDelegate(),
                application.getConfiguration());
        for (HttpField field : request.getHeaders()) {
            jerseyRequest.header(field.getName(), field.getValue());
        }
        jerseyRequest.setEntityStream(Content.Source.asInputStream(request));
        Object app = request.getAttribute(CallingApp.ATTRIBUTE);
        if (app != null) {
            jerseyRequest.setProperty(CallingApp.ATTRIBUTE, app);
        }
        InetAddress client = WriteClients.of(request);
        if (client != null) {
            jerseyRequest.setProperty(WriteClients.ATTRIBUTE, client);
        }
        return jerseyRequest;
    }

    private BaseUri baseUri(Request request) throws URISyntaxException {
        // The Host header's, or the listener's when a request names none (HTTP/1.0).
        String scheme = request.getHttpURI().getScheme();
        String host = Request.getServerName(request);
        int port = Request.getServerPort(request);
        BaseUri base = lastBase;
        if (base == null || base.port != port || !base.host.equals(host) || !base.scheme.equals(scheme)) {
            base = new BaseUri(scheme, host, port);
            lastBase = base;
        }
        return base;
    }

    @Override
    public ResourceConfig getConfiguration() {
        return application.getConfiguration();
    }

    @Override
    public ApplicationHandler getApplicationHandler() {
        return application;
    }

    /** The API's resources are fixed when the server is built. */
    @Override
    public void reload() {
        throw new UnsupportedOperationException("the discovery API's application cannot be reloaded");
    }

    @Override
    public void reload(ResourceConfig configuration) {
        reload();
    }

    /** Scheme, host and port of a request, and the base URI Jersey resolves its paths against. */
    private static final class BaseUri {
        final String scheme;
        final String host;
        final int port;
        final URI uri;
        // The request URI is this followed by the path, which starts with its own slash.
        final String prefix;

        BaseUri(String scheme, String host, int port) throws URISyntaxException {
            this.scheme = scheme;
            this.host = host;
            this.port = port;
            this.uri = new URI(scheme, null, host, port, "/", null, null);
            String text = uri.toString();
            this.prefix = text.substring(0, text.length() - 1);
        }
    }

    /** The API has no users: only whether the request came over TLS. */
    private enum Security implements SecurityContext {
        HTTPS(true), HTTP(false);

        private final boolean secure;

        Security(boolean secure) {
            this.secure = secure;
        }

        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    }
}
