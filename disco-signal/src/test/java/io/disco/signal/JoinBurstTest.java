package io.disco.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.tls.ClientTrust;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.junit.jupiter.api.Test;

/** Peers joining do not hold up the sessions already routing. */
class JoinBurstTest {

    @Test
    void handshakesUnderWayDoNotHoldUpEstablishedSessions() throws Exception {
        // Twice as many joins as there are selecting threads (and joining threads, one per core),
        // each stuck at the end of its TLS handshake: run on the selecting threads, they would stop
        // every selector; on the joining threads, the later ones wait for a thread.
        int cores = Runtime.getRuntime().availableProcessors();
        int stuck = 2 * cores;
        CountDownLatch release = new CountDownLatch(1);
        Semaphore reached = new Semaphore(0);
        List<SSLSocket> joining = new ArrayList<>();
        ExecutorService handshakes = Executors.newCachedThreadPool();
        try (RunningRouter router = new RunningRouter();
             TestClient established = TestClient.connect(router.uri(), WampSerializer.JSON)) {
            established.join("main");
            router.server.connector().addBean(new SslHandshakeListener() {
                @Override
                public void handshakeSucceeded(Event event) {
                    reached.release();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            try {
                for (int i = 0; i < stuck; i++) {
                    SSLSocket socket = (SSLSocket) ClientTrust.skipVerify().sslContext().getSocketFactory()
                            .createSocket("127.0.0.1", router.server.port());
                    joining.add(socket);
                    // In TLS 1.3 the client is done once it has sent its Finished; the router's
                    // side of the handshake then ends in the listener above.
                    socket.setEnabledProtocols(new String[] {"TLSv1.3"});
                    // Joins beyond the joining threads wait for one, and their clients with them.
                    handshakes.submit(() -> {
                        socket.startHandshake();
                        return null;
                    });
                }
                assertTrue(reached.tryAcquire(cores, 10, TimeUnit.SECONDS),
                        "fewer joins than cores reached the end of their handshakes");

                long request = established.nextRequest();
                established.send(new WampMessage.Call(request, WampCodec.dict(), "wamp.session.count", null, null));
                WampMessage.Result result = established.expect(WampMessage.Result.class);
                assertEquals(request, result.request());
                assertEquals(1, result.args().get(0).asInt(), "only the established session has joined");
            } finally {
                release.countDown();
                for (SSLSocket socket : joining) {
                    socket.close();
                }
                handshakes.shutdownNow();
            }
        }
    }
}
