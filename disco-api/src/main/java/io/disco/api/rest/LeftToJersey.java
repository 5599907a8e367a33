package io.disco.api.rest;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A request that a handler ahead of Jersey took and then found it cannot answer, once its store
 * answered on a thread of the store's own (SQLite's writer, Redis's I/O thread), which must not
 * run Jersey: Jersey gets it on one of Jetty's threads.
 */
final class LeftToJersey {

    private LeftToJersey() {
    }

    static void later(Handler jersey, Request request, Response response, Callback callback) {
        request.getComponents().getExecutor().execute(() -> {
            try {
                if (!jersey.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable e) {
                callback.failed(e);
            }
        });
    }
}
