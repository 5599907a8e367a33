package io.disco.common.discovery;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Sends {@code Authorization: Bearer <token>} with each request of the target it is registered on. */
final class BearerToken implements ClientRequestFilter {

    private final String header;

    BearerToken(String token) {
        this.header = "Bearer " + token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
    }

    /** Not the token: it must not reach logs by accident. */
    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
