package io.disco.common.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Hands {@link DiscoJson#mapper()} to Jersey's Jackson provider, on the server and the client. */
@Provider
public final class ObjectMapperResolver implements ContextResolver<ObjectMapper> {

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return DiscoJson.mapper();
    }
}
