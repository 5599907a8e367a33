package io.disco.api.rest;

import io.disco.common.discovery.ErrorBody;
import io.disco.common.json.DiscoJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What the handlers ahead of Jersey ({@link StoredReads}, {@link GroupCreates}) answer, with the
 * headers Jersey gives the same answers, and when they may answer at all.
 */
final class JsonAnswers {

    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField RETRY_AFTER = new PreEncodedHttpField(HttpHeader.RETRY_AFTER,
            Integer.toString(StoreUnavailableMapper.RETRY_AFTER_SECONDS));
    private static final byte[] STORE_UNAVAILABLE = errorJson(StoreUnavailableMapper.STATUS,
            StoreUnavailableMapper.MESSAGE);

    private JsonAnswers() {
    }

    static void send(Response response, int status, byte[] json, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
    }

    /**
     * As {@link StoreUnavailableMapper} answers: asking Jersey instead would ask the store again
     * and double the wait.
     */
    static void storeUnavailable(Response response, Callback callback) {
        response.getHeaders().put(RETRY_AFTER);
        send(response, StoreUnavailableMapper.STATUS, STORE_UNAVAILABLE, callback);
    }

    /**
     * Whether the request asks for JSON as every client of the API does: by sending no Accept,
     * anything, or JSON by name. Others are negotiated by Jersey.
     */
    static boolean acceptsJson(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }

    private static byte[] errorJson(int status, String message) {
        try {
            return DiscoJson.mapper().writeValueAsBytes(new ErrorBody(message, status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
