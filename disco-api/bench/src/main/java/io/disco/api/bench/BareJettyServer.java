package io.disco.api.bench;

import io.disco.common.tls.TlsConnectors;
import io.disco.common.tls.TlsIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The "limit of this stack" for {@code make bench-api}: the discovery API's Jetty and TLS set-up
 * with no Jersey, no JSON and no store behind it, answering the benchmark's three requests with
 * bytes captured from the real server. Whatever the real server costs above this is Jersey and
 * the application.
 *
 * <p>Not part of the product: {@code disco-api/bench/api-bench.sh} runs it on 127.0.0.1 only.
 *
 * <p>Usage: {@code BareJettyServer PORT CERT_PEM KEY_PEM LISTING_JSON_FILE GROUP_JSON_FILE}
 */
public final class BareJettyServer {

    /** What the real server answers to POST /group is a fresh ID; a fixed one of the same size will do. */
    private static final String CREATED_ID = "\"00000000-0000-4000-8000-000000000000\"";

    private BareJettyServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BareJettyServer PORT CERT_PEM KEY_PEM LISTING_JSON_FILE GROUP_JSON_FILE");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        TlsIdentity identity = TlsIdentity.load(Path.of(args[1]), Path.of(args[2]));
        byte[] listing = Files.readAllBytes(Path.of(args[3]));
        byte[] group = Files.readAllBytes(Path.of(args[4]));

        // Mirrors ApiServer's Jetty set-up, so that the two differ only in the handler.
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("bare-jetty");
        Server server = new Server(threads);
        server.setStopAtShutdown(true);

        // The servers' own connector; loopback only: this is a benchmark target, never a service.
        ServerConnector connector = TlsConnectors.https(server, identity, "127.0.0.1", port);
        server.addConnector(connector);

        server.setHandler(new GracefulHandler(new FixedAnswers(listing, group,
                CREATED_ID.getBytes(StandardCharsets.US_ASCII))));
        server.start();
        System.out.println("bare Jetty on https://127.0.0.1:" + connector.getLocalPort()
                + " (listing " + listing.length + " B, group " + group.length + " B)");
        server.join();
    }

    /** GET /groups, GET /groups/{id} and POST /group, each with its fixed answer; 404 otherwise. */
    static final class FixedAnswers extends Handler.Abstract {

        private final ByteBuffer listing;
        private final ByteBuffer group;
        private final ByteBuffer createdId;

        FixedAnswers(byte[] listing, byte[] group, byte[] createdId) {
            this.listing = ByteBuffer.wrap(listing).asReadOnlyBuffer();
            this.group = ByteBuffer.wrap(group).asReadOnlyBuffer();
            this.createdId = ByteBuffer.wrap(createdId).asReadOnlyBuffer();
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String method = request.getMethod();
            String path = request.getHttpURI().getPath();
            if ("GET".equals(method) && "/groups".equals(path)) {
                send(response, 200, listing, callback);
            } else if ("GET".equals(method) && path.startsWith("/groups/")) {
                send(response, 200, group, callback);
            } else if ("POST".equals(method) && "/group".equals(path)) {
                // Read the whole body into memory first, as Jersey must before it can parse it.
                Content.Source.asByteBuffer(request, Promise.from(
                        body -> send(response, 201, createdId, callback),
                        failure -> Response.writeError(request, response, callback, failure)));
            } else {
                Response.writeError(request, response, callback, 404);
            }
            return true;
        }

        private static void send(Response response, int status, ByteBuffer body, Callback callback) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
            // A view of its own per request: the shared buffer's position must not move.
            response.write(true, body.slice(), callback);
        }
    }
}
