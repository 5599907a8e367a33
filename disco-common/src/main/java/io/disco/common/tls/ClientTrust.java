package io.disco.common.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Which server certificates a client accepts: the platform's CAs, one PEM file's, or any. */
public sealed interface ClientTrust {

    SSLContext sslContext();

    /** Whether the server's name must match its certificate. */
    boolean verifiesHostname();

    /** The JDK's default trust store, as for any public server. */
    static ClientTrust platform() {
        return new Platform();
    }

    /** Trusts the certificates of a PEM file, like the Go client's {@code certFile}. */
    static ClientTrust certificate(Path pemFile) {
        return new Pinned(PemFiles.readCertificates(pemFile));
    }

    /** Trusts any certificate and any name. For tests and local experiments only. */
    static ClientTrust skipVerify() {
        return new Anything();
    }

    record Platform() implements ClientTrust {
        @Override
        public SSLContext sslContext() {
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new TlsConfigException("the platform's TLS context is unavailable: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean verifiesHostname() {
            return true;
        }
    }

    record Pinned(List<X509Certificate> certificates) implements ClientTrust {
        @Override
        public SSLContext sslContext() {
            try {
                KeyStore anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                for (int i = 0; i < certificates.size(); i++) {
                    anchors.setCertificateEntry("trusted-" + i, certificates.get(i));
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(anchors);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new TlsConfigException("cannot trust the given certificate: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean verifiesHostname() {
            return true;
        }
    }

    record Anything() implements ClientTrust {
        @Override
        public SSLContext sslContext() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new AcceptAll()}, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new TlsConfigException("cannot build a TLS context: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean verifiesHostname() {
            return false;
        }
    }

    /** Extended, so that the JDK does not add its own host name check on top. */
    final class AcceptAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
