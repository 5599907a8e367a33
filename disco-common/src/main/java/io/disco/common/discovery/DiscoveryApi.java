package io.disco.common.discovery;

import io.disco.common.model.Group;
import io.disco.common.model.GroupId;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The discovery API, exactly as the Go original serves it. The server's resource implements
 * this interface and {@link DiscoClient} proxies it, so the two cannot drift apart.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface DiscoveryApi {

    /** The query parameter that filters a listing by application. */
    String APP_ID = "app-id";

    /**
     * Creates a group, or replaces the group with the body's ID when it carries one.
     *
     * @return the group's ID, generated when the body had none
     */
    @POST
    @Path("group")
    @Consumes(MediaType.APPLICATION_JSON)
    @Created
    GroupId createGroup(Group group);

    /**
     * Lists groups by ID, all of them or those of one application.
     *
     * @param appId the application, or {@code null} or empty for every group
     */
    @GET
    @Path("groups")
    Map<String, Group> listGroups(@QueryParam(APP_ID) String appId);

    @GET
    @Path("groups/{id}")
    Group getGroup(@PathParam("id") String id);

    /**
     * Replaces the group {@code id}. The path's ID is authoritative: the body may omit it but may
     * not name another.
     */
    @PATCH
    @Path("groups/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    GroupId updateGroup(@PathParam("id") String id, Group group);

    /** @return the original's confirmation sentence, as plain text */
    @DELETE
    @Path("groups/{id}")
    @Produces(MediaType.TEXT_PLAIN)
    String deleteGroup(@PathParam("id") String id);

    /** The text {@link #deleteGroup} answers, word for word the original's. */
    static String deletedMessage(String id) {
        return "The group with ID " + id + " has been deleted successfully";
    }
}
