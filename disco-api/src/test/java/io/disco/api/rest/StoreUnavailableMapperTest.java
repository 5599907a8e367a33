package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.disco.api.store.StoreUnavailableException;
import io.disco.common.discovery.ErrorBody;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StoreUnavailableMapperTest {

    @Test
    void answers503WithTheJsonErrorAndRetryAfterButNotTheCause() {
        Response response = new StoreUnavailableMapper().toResponse(
                new StoreUnavailableException("disk full", new IOException("No space left on device")));
        assertEquals(503, response.getStatus());
        assertEquals("1", response.getHeaderString("Retry-After"));
        // The cause stays in the log: clients learn only that they may try again.
        assertEquals(new ErrorBody("store unavailable", 503), response.getEntity());
    }
}
