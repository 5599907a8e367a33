package io.disco.api.rest;

import io.disco.api.group.GroupRegistry;
import io.disco.api.group.GroupRules;
import io.disco.api.group.UnknownGroupException;
import io.disco.api.store.StoreUnavailableException;
import io.disco.common.discovery.ErrorBody;
import io.disco.common.json.DiscoJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
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
 * The exception is a store that fails, answered here as Jersey's mapper answers it, since asking
 * the store again would double the wait.
 */
public final class StoredReads extends Handler.Wrapper {

    private static final String GROUPS = "/groups";
    private static final String GROUP_PREFIX = GROUPS + "/";
    private static final String APP_ID = "app-id";
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField RETRY_AFTER = new PreEncodedHttpField(HttpHeader.RETRY_AFTER,
            Integer.toString(StoreUnavailableMapper.RETRY_AFTER_SECONDS));
    private static final byte[] STORE_UNAVAILABLE = errorJson(StoreUnavailableMapper.STATUS,
            StoreUnavailableMapper.MESSAGE);

    private final GroupRegistry registry;

    public StoredReads(GroupRegistry registry, Handler jersey) {
        super(jersey);
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        byte[] json;
        try {
            json = storedAnswer(request);
        } catch (StoreUnavailableException e) {
            response.setStatus(StoreUnavailableMapper.STATUS);
            response.getHeaders().put(RETRY_AFTER);
            send(response, STORE_UNAVAILABLE, callback);
            return true;
        } catch (RuntimeException unexpected) {
            // Jersey's mappers say what it is.
            json = null;
        }
        if (json == null) {
            return super.handle(request, response, callback);
        }
        response.setStatus(200);
        send(response, json, callback);
        return true;
    }

    /** The stored JSON that answers {@code request}, or {@code null} when Jersey is to answer it. */
    private byte[] storedAnswer(Request request) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method) || !acceptsJson(request)) {
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

    /** What every client of the API sends: nothing, anything, or JSON by name. */
    private static boolean acceptsJson(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }

    private static void send(Response response, byte[] json, Callback callback) {
        response.getHeaders().put(JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
    }

    private static byte[] errorJson(int status, String message) {
        try {
            return DiscoJson.mapper().writeValueAsBytes(new ErrorBody(message, status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
