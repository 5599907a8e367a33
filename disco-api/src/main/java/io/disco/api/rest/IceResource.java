package io.disco.api.rest;

import io.disco.api.ice.IceServersIssuer;
import io.disco.common.ice.IceApi;
import io.disco.common.ice.IceServers;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * {@code GET /ice-servers} over HTTP: the shared contract, served by the issuer, for the calling
 * application in registered mode. Its answers carry credentials: no cache keeps them.
 */
@Singleton
@NoStore
public final class IceResource implements IceApi {

    private final IceServersIssuer issuer;
    private final Provider<ContainerRequestContext> requests;

    @Inject
    public IceResource(IceServersIssuer issuer, Provider<ContainerRequestContext> requests) {
        this.issuer = issuer;
        this.requests = requests;
    }

    @Override
    public IceServers iceServers() {
        ContainerRequestContext request = requests.get();
        // Where this process's relay is reached too, when it names that relay: the host clients asked for.
        return issuer.issue(CallingApp.of(request), request.getUriInfo().getRequestUri().getHost());
    }
}
