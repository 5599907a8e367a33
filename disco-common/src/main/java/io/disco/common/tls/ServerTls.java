package io.disco.common.tls;

import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The TLS settings every disco server shares: TLS 1.2 and 1.3 only, Jetty's safe cipher list. */
public final class ServerTls {

    private ServerTls() {
    }

    public static SslContextFactory.Server contextFactory(TlsIdentity identity) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(identity.keyStore());
        factory.setKeyStorePassword(identity.keyStorePassword());
        factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // Renegotiation is a known DoS lever and nothing of ours needs it.
        factory.setRenegotiationAllowed(false);
        return factory;
    }
}
