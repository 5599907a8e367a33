package io.disco.turn.relay;

import io.disco.common.tls.ServerTls;
import io.disco.common.tls.TlsIdentity;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Server-side TLS engines for TURN over TLS, with the settings every disco server shares
 * ({@link ServerTls}: TLS 1.2 and 1.3, forward-secret AEAD cipher suites, AES-128-GCM first).
 */
public final class TlsEngines {

    private final SslContextFactory.Server factory;

    private TlsEngines(SslContextFactory.Server factory) {
        this.factory = factory;
    }

    public static TlsEngines of(TlsIdentity identity) throws Exception {
        SslContextFactory.Server factory = ServerTls.contextFactory(identity);
        factory.start();
        return new TlsEngines(factory);
    }

    /** A fresh engine for one accepted connection. */
    SSLEngine newServerEngine() {
        SSLEngine engine = factory.getSslContext().createSSLEngine();
        // Server mode first: the JDK picks its defaults by mode, the factory then narrows them.
        engine.setUseClientMode(false);
        factory.customize(engine);
        return engine;
    }

    public void stop() {
        try {
            factory.stop();
        } catch (Exception e) {
            // Nothing held that outlives the process.
        }
    }
}
