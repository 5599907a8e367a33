package io.disco.api.rest;

import io.disco.api.group.GroupRegistry;
import io.disco.api.group.GroupRules;
import io.disco.api.store.StoreUnavailableException;
import io.disco.api.store.StoredGroup;
import java.util.List;
import java.util.concurrent.CompletionException;
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
        if (!isRead(request)) {
            return super.handle(request, response, callback);
        }
        String path = request.getHttpURI().getPath();
        if (path.startsWith(GROUP_PREFIX)) {
            String id = path.substring(GROUP_PREFIX.length());
            if (request.getHttpURI().getQuery() != null || !GroupRules.holdsOnlyIdCharacters(id)) {
                return super.handle(request, response, callback);
            }
            registry.getAsync(id).whenComplete((group, failure) -> answer(request, response, callback, group, failure));
            return true;
        }
        String appId = path.equals(GROUPS) ? appId(request) : null;
        if (appId == null) {
            return super.handle(request, response, callback);
        }
        byte[] listing;
        try {
            listing = registry.list(appId).json();
        } catch (StoreUnavailableException e) {
            JsonAnswers.storeUnavailable(response, callback);
            return true;
        } catch (RuntimeException unexpected) {
            // Jersey's mappers say what it is.
            return super.handle(request, response, callback);
        }
        JsonAnswers.send(response, 200, listing, callback);
        return true;
    }

    private static boolean isRead(Request request) {
        String method = request.getMethod();
        return (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) && JsonAnswers.acceptsJson(request);
    }

    /**
     * Runs where the store completes the read: on the request's thread for a store in memory, on
     * Redis's I/O thread, which this must not hold up: the answer is one non-blocking write, and
     * a group that is not there goes to Jersey on another thread.
     */
    private void answer(Request request, Response response, Callback callback, StoredGroup group,
            Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause == null) {
            JsonAnswers.send(response, 200, group.json(), callback);
        } else if (cause instanceof StoreUnavailableException) {
            JsonAnswers.storeUnavailable(response, callback);
        } else {
            // Not there (UnknownGroupException), or a fault Jersey's mappers describe.
            LeftToJersey.later(getHandler(), request, response, callback);
        }
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
