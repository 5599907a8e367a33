package io.disco.signal.router;

import java.time.Instant;

/**
 * What names a registration or subscription in the meta API: its id and when it was made. In a
 * cluster, the router that first holds a route proposes them and every router later holding it
 * takes the same, so that one route has one id wherever it is asked about.
 */
public record RouteId(long id, Instant created) {
}
