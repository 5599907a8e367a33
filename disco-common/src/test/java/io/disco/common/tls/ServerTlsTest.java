package io.disco.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.disco.common.testing.TestTls;
import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerTlsTest {

    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = TlsConnectors.https(server, TestTls.identity(), "127.0.0.1", 0);
        server.addConnector(connector);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void theServerPrefersAes128GcmOverTheJdkClientsAes256() throws IOException {
        // The JDK's client lists TLS_AES_256_GCM_SHA384 first; the server's order decides.
        assertEquals("TLS_AES_128_GCM_SHA256", handshake(null, null));
    }

    @Test
    void tls12ClientsGetEcdheWithAes128Gcm() throws IOException {
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", handshake("TLSv1.2", null));
    }

    @Test
    void cbcSuitesAreNotOffered() {
        assertThrows(SSLHandshakeException.class,
                () -> handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));
    }

    /** The suite a client with these protocol and suite settings (null: the JDK's) gets. */
    private String handshake(String protocol, String suite) throws IOException {
        try (SSLSocket socket = (SSLSocket) ClientTrust.skipVerify().sslContext().getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            if (protocol != null) {
                socket.setEnabledProtocols(new String[] {protocol});
            }
            if (suite != null) {
                socket.setEnabledCipherSuites(new String[] {suite});
            }
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }
}
