package io.disco.api.rest;

import io.disco.common.apps.AppId;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * The application whose key a request presented, in registered mode: set by
 * {@link AppAuthentication} on the Jetty request, carried into Jersey's by {@link JerseyHandler}.
 */
final class CallingApp {

    static final String ATTRIBUTE = CallingApp.class.getName();

    private CallingApp() {
    }

    /** Empty in open mode. */
    static Optional<AppId> of(ContainerRequestContext request) {
        return Optional.ofNullable((AppId) request.getProperty(ATTRIBUTE));
    }
}
