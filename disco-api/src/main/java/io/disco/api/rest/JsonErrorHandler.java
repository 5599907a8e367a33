package io.disco.api.rest;

import io.disco.common.discovery.ErrorBody;
import io.disco.common.json.DiscoJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers before a request reaches Jersey (a malformed request line, headers
 * too large) in the API's JSON format, without Jetty's HTML page or any stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(json(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return ByteBuffer.wrap(json(status, reason));
    }

    private static byte[] json(int code, String message) {
        // A 5xx message may come from an exception: only the reason phrase leaves the server.
        String text = code >= 500 || message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        try {
            return DiscoJson.mapper().writeValueAsBytes(new ErrorBody(text, code));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an error body", e);
        }
    }
}
