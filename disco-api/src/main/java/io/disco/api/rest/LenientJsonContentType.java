package io.disco.api.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Reads every request body as JSON whatever its declared type, as the original did: scripts
 * written against it post with {@code curl -d}, which declares a form. A body that is not JSON
 * still fails, as malformed JSON.
 */
@PreMatching
final class LenientJsonContentType implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.hasEntity() && request.getLength() <= 0) {
            return;
        }
        MediaType type = request.getMediaType();
        boolean json = type != null
                && (MediaType.APPLICATION_JSON_TYPE.isCompatible(type) || type.getSubtype().endsWith("+json"));
        if (!json) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
