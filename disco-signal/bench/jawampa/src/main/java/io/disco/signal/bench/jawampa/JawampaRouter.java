package io.disco.signal.bench.jawampa;

import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import ws.wamp.jawampa.WampRouter;
import ws.wamp.jawampa.WampRouterBuilder;
import ws.wamp.jawampa.WampSerialization;
import ws.wamp.jawampa.transport.netty.SimpleWampWebsocketListener;

/**
 * The reference router for signal-bench.sh: jawampa 0.5.0's WAMP router behind its own Netty
 * websocket listener, serving one realm over wss with JSON, as disco's router is benchmarked.
 *
 * <p>Usage: {@code JawampaRouter HOST PORT CERT_PEM KEY_PEM [REALM]}. It logs "Started jawampa
 * router on wss://HOST:PORT/" on stderr once it listens, and stops on SIGTERM.
 *
 * <p>TLS is set up to match disco's (JDK provider, TLS 1.3 and 1.2, the JDK's default cipher
 * suites). Left to itself, the Netty 4.1.11 that jawampa 0.5.0 depends on offers only its own
 * 2017 list of TLS 1.2 suites, so the two routers would not even run the same protocol and the
 * comparison would partly measure TLS versions instead of routers.
 */
public final class JawampaRouter {

    private JawampaRouter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: JawampaRouter HOST PORT CERT_PEM KEY_PEM [REALM]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        File cert = new File(args[2]);
        File key = new File(args[3]);
        String realm = args.length == 5 ? args[4] : "main";

        List<String> jdkCiphers = Arrays.asList(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());
        SslContext tls = SslContextBuilder.forServer(cert, key)
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .ciphers(jdkCiphers, IdentityCipherSuiteFilter.INSTANCE)
                .build();

        WampRouter router = new WampRouterBuilder().addRealm(realm).build();
        URI uri = URI.create("wss://" + host + ":" + port + "/");
        SimpleWampWebsocketListener listener =
                new SimpleWampWebsocketListener(router, uri, tls, List.of(WampSerialization.Json));
        listener.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // The router first, while the listener's event loops can still carry its GOODBYEs
            // and closes. Bounded: jawampa 0.5.0's close() signals completion only from the
            // callback of a connection it closed, so with no session open it never completes.
            try {
                router.close().timeout(2, TimeUnit.SECONDS).toBlocking().lastOrDefault(null);
            } catch (RuntimeException e) {
                System.err.println("jawampa's router.close() did not complete within 2 s (it never does when"
                        + " no session is open); stopping the listener anyway");
            }
            listener.stop();
            stopped.countDown();
        }, "jawampa-shutdown"));

        System.err.println("Started jawampa router on " + uri + " (realm " + realm + ", JSON)");
        stopped.await();
    }
}
