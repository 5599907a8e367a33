package io.disco.api.rest;

import io.disco.api.group.GroupRegistry;
import io.disco.api.group.GroupRules;
import io.disco.api.group.UnknownGroupException;
import io.disco.api.store.StoreUnavailableException;
import java.util.List;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Answers the API's two reads, a group by ID and a listing, with the JSON stored for them, ahead
 * of Jersey; everything else, and every read it is not sure of, goes on to Jersey.
 *
 * <p>Reads are most of a discovery server's traffic (every peer of every group asks for its
 * group), and Jersey's pipeline (routing, scopes, filters, content negotiation) cost a read by ID
 * as much CPU again as Jetty and TLS, for an answer that is bytes already rendered. This handler
 * takes only what it answers exactly as Jersey would: a GET or HEAD of {@code /groups/ID} (an ID
 * of the characters IDs may hold) or {@code /groups} with at most one {@code app-id}, asking for
 * JSON or anything, of a group that exists. A group that is not there, an unusual Accept, a
 * query with more in it: Jersey answers those, so every error keeps its one description there.
 * The exception is a store that fails, answered here as Jersey's mapper answers it.
 */
public final class StoredReads extends Handler.Wrapper {

    private static final String GROUPS = "/groups";
    private static final String GROUP_PREFIX = GROUPS + "/";
    private static final String APP_ID = "app-id";

    private final GroupRegistry registry;

    public StoredReads(GroupRegistry registry, Handler next) {
        super(next);
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        byte[] json;
        try {
            json = storedAnswer(request);
        } catch (StoreUnavailableException e) {
            JsonAnswers.storeUnavailable(response, callback);
            return true;
        } catch (RuntimeException unexpected) {
            // Jersey's mappers say what it is.
            json = null;
        }
        if (json == null) {
            return super.handle(request, response, callback);
        }
        JsonAnswers.send(response, 200, json, callback);
        return true;
    }

    /** The stored JSON that answers {@code request}, or {@code null} when Jersey is to answer it. */
    private byte[] storedAnswer(Request request) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method) || !JsonAnswers.acceptsJson(request)) {
            return null;
        }
        String path = request.getHttpURI().getPath();
        if (path.startsWith(GROUP_PREFIX)) {
            String id = path.substring(GROUP_PREFIX.length());
            if (request.getHttpURI().getQuery() != null || !GroupRules.holdsOnlyIdCharacters(id)) {
                return null;
            }
            try {
                return registry.get(id).json();
            } catch (UnknownGroupException e) {
                return null;
            }
        }
        if (path.equals(GROUPS)) {
            String appId = appId(request);
            return appId == null ? null : registry.list(appId).json();
        }
        return null;
    }

    /**
     * The listing's application ("" for all, as Jersey passes a missing one to the registry as
     * null, which lists all), or {@code null} when the query holds anything else.
     */
    private static String appId(Request request) {
        if (request.getHttpURI().getQuery() == null) {
            return "";
        }
        Fields query;
        try {
            query = Request.extractQueryParameters(request);
        } catch (RuntimeException malformed) {
            return null;
        }
        if (query.getSize() != 1) {
            return null;
        }
        List<String> values = query.getValues(APP_ID);
        // U+FFFD: bytes that are not UTF-8, which two decoders need not replace alike.
        return values == null || values.size() != 1 || values.get(0).indexOf('\uFFFD') >= 0 ? null : values.get(0);
    }
}
