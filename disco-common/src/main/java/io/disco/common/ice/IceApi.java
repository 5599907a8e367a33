package io.disco.common.ice;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The STUN and TURN servers a peer of the discovery API's applications may use, with
 * time-limited TURN credentials. Served by the discovery API, proxied by
 * {@link io.disco.common.discovery.DiscoClient}; in registered mode only to an application's key.
 */
@Path("/ice-servers")
@Produces(MediaType.APPLICATION_JSON)
public interface IceApi {

    @GET
    IceServers iceServers();
}
