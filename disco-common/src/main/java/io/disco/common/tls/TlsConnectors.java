package io.disco.common.tls;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;

/** The HTTPS connector every disco server listens with: TLS only, no version banner. */
public final class TlsConnectors {

    private TlsConnectors() {
    }

    /** A {@link ServerConnector} constructor, such as {@code ServerConnector::new}. */
    @FunctionalInterface
    public interface ConnectorFactory {
        ServerConnector create(Server server, ConnectionFactory... factories);
    }

    public static ServerConnector https(Server server, TlsIdentity identity, String host, int port) {
        return https(server, identity, host, port, ServerConnector::new);
    }

    /** The same, on a connector of the caller's kind (one that runs its connections differently). */
    public static ServerConnector https(Server server, TlsIdentity identity, String host, int port,
            ConnectorFactory connectors) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Clients that skip verification may name the host anything; the original never checked SNI.
        http.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = connectors.create(server,
                new SslConnectionFactory(ServerTls.contextFactory(identity), "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
