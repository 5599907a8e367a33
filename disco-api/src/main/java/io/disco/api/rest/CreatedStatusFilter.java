package io.disco.api.rest;

import io.disco.common.discovery.Created;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;

/** Answers 201 instead of 200 for the calls the contract marks {@link Created}. */
@Created
final class CreatedStatusFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == Response.Status.OK.getStatusCode()) {
            response.setStatus(Response.Status.CREATED.getStatusCode());
        }
    }
}
