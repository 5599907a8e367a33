package io.disco.common.discovery;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The discovery API's administration of registered applications, under {@code /apps}, each call
 * authorised by {@code Authorization: Bearer <admin token>}. The server's resource implements
 * this interface and {@link AppsClient} proxies it.
 */
@Path("/apps")
@Produces(MediaType.APPLICATION_JSON)
public interface AppsApi {

    /** Registers an application; the answer carries its first key, shown this once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Created
    RegisteredApp register(NewApp app);

    /** Every registered application, without keys. */
    @GET
    List<RegisteredApp> list();

    @GET
    @Path("{id}")
    RegisteredApp get(@PathParam("id") String appId);

    /** Deletes the application and all its groups; its keys stop working at once. */
    @DELETE
    @Path("{id}")
    void delete(@PathParam("id") String appId);

    /**
     * Issues the application a new key, shown this once; the key it replaces keeps working for
     * the server's {@code --key-grace}, then stops.
     */
    @POST
    @Path("{id}/keys")
    @Created
    RegisteredApp newKey(@PathParam("id") String appId);
}
