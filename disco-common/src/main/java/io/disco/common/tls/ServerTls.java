package io.disco.common.tls;

import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The TLS settings every disco server shares: TLS 1.2 and 1.3 only, forward-secret AEAD suites. */
public final class ServerTls {

    /**
     * Mozilla's "intermediate" server configuration, in its order of preference, which the server
     * applies. AES-128-GCM comes first, as Go's crypto/tls (the original server) and browsers put
     * it: as safe as AES-256 in practice, and four rounds in fourteen cheaper on every record.
     */
    private static final String[] CIPHER_SUITES = {
        "TLS_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    };

    private ServerTls() {
    }

    public static SslContextFactory.Server contextFactory(TlsIdentity identity) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(identity.keyStore());
        factory.setKeyStorePassword(identity.keyStorePassword());
        factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        factory.setIncludeCipherSuites(CIPHER_SUITES);
        factory.setUseCipherSuitesOrder(true);
        // Renegotiation is a known DoS lever and nothing of ours needs it.
        factory.setRenegotiationAllowed(false);
        return factory;
    }
}
