package io.disco.all.multihost;

import static io.disco.signal.transport.TestClient.args;

import io.disco.common.tls.ClientTrust;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Invocation;
import io.disco.signal.wamp.WampMessage.Register;
import io.disco.signal.wamp.WampMessage.Registered;
import io.disco.signal.wamp.WampMessage.Yield;
import io.disco.signal.wamp.WampSerializer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A session that registers one procedure at a router and serves it on a thread of its own: it
 * answers every INVOCATION at once, or, holding, none, so that a call to it stays in flight.
 */
final class Callee implements AutoCloseable {

    private final TestClient session;
    private final URI router;
    private final String procedure;
    private final boolean answers;
    private final BlockingQueue<Invocation> invoked = new LinkedBlockingQueue<>();
    private final Thread serving;
    private volatile boolean closed;

    private Callee(TestClient session, URI router, String procedure, boolean answers) {
        this.session = session;
        this.router = router;
        this.procedure = procedure;
        this.answers = answers;
        this.serving = new Thread(this::serve, "callee of " + procedure);
        serving.setDaemon(true);
    }

    /** Registered at {@code router}, answering every call. */
    static Callee answering(URI router, ClientTrust trust, String realm, String procedure) throws Exception {
        return register(router, trust, realm, procedure, true);
    }

    /** Registered at {@code router}, answering no call. */
    static Callee holding(URI router, ClientTrust trust, String realm, String procedure) throws Exception {
        return register(router, trust, realm, procedure, false);
    }

    private static Callee register(URI router, ClientTrust trust, String realm, String procedure, boolean answers)
            throws Exception {
        TestClient session = TestClient.connect(router, WampSerializer.JSON, trust);
        session.join(realm);
        session.send(new Register(session.nextRequest(), WampCodec.dict(), procedure));
        session.expect(Registered.class);
        Callee callee = new Callee(session, router, procedure, answers);
        callee.serving.start();
        return callee;
    }

    URI router() {
        return router;
    }

    String procedure() {
        return procedure;
    }

    /** What this callee answers: where it is joined, so a caller sees which router served it. */
    String answer() {
        return procedure + " answered at " + router;
    }

    /** Whether a call reached this callee within {@code within}. */
    boolean invokedWithin(Duration within) throws InterruptedException {
        return invoked.poll(within.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    private void serve() {
        try {
            while (!closed) {
                WampMessage message = session.poll(100);
                if (message instanceof Invocation invocation) {
                    invoked.add(invocation);
                    if (answers) {
                        session.send(new Yield(invocation.request(), WampCodec.dict(), args(answer()), null));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        serving.join(1000);
        session.close();
    }
}
