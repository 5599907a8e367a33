package io.disco.all.multihost;

import static io.disco.signal.transport.TestClient.args;

import io.disco.common.tls.ClientTrust;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampSerializer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A session that calls, each CALL's RESULT or ERROR told apart by its request id and timed. */
final class Caller implements AutoCloseable {

    /**
     * What answered a call, or nothing ({@code message} null), and when.
     *
     * @param sent when the CALL was sent
     * @param at   when the answer came, or when waiting for it ended
     */
    record Reply(WampMessage message, Instant sent, Instant at) {

        boolean isResult() {
            return message instanceof Result;
        }

        boolean isError(String uri) {
            return message instanceof WampMessage.Error error && error.error().equals(uri);
        }

        boolean isError() {
            return message instanceof WampMessage.Error;
        }

        /** The RESULT's arguments as text; none for anything else. */
        List<String> texts() {
            return message instanceof Result result ? SignalingCheck.texts(result.args()) : List.of();
        }

        /** How long the call waited. */
        long tookMillis() {
            return Duration.between(sent, at).toMillis();
        }

        @Override
        public String toString() {
            if (message instanceof WampMessage.Error error) {
                return "ERROR " + error.error();
            }
            return message == null ? "no answer" : message.toString();
        }
    }

    private final TestClient session;
    private final URI router;

    private Caller(TestClient session, URI router) {
        this.session = session;
        this.router = router;
    }

    static Caller join(URI router, ClientTrust trust, String realm) throws Exception {
        TestClient session = TestClient.connect(router, WampSerializer.JSON, trust);
        session.join(realm);
        return new Caller(session, router);
    }

    URI router() {
        return router;
    }

    /** Sends a CALL of {@code procedure}; returns its request id. */
    long send(String procedure) {
        long request = session.nextRequest();
        session.send(new Call(request, WampCodec.dict(), procedure, args(), null));
        return request;
    }

    /**
     * The answer to {@code request}, sent at {@code sent}, if it comes {@code within}; answers to
     * earlier calls, which gave up on them, are passed over.
     */
    Reply reply(long request, Instant sent, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        for (long left = within.toMillis(); left > 0; left = Duration.between(Instant.now(), deadline).toMillis()) {
            WampMessage message = session.poll(left);
            if (message instanceof Result result && result.request() == request
                    || message instanceof WampMessage.Error error && error.request() == request) {
                return new Reply(message, sent, Instant.now());
            }
        }
        return new Reply(null, sent, Instant.now());
    }

    /** A call of {@code procedure} and its answer, if it comes {@code within}. */
    Reply call(String procedure, Duration within) throws InterruptedException {
        Instant sent = Instant.now();
        return reply(send(procedure), sent, within);
    }

    @Override
    public void close() throws Exception {
        session.close();
    }
}
