package io.disco.common.service;

import java.io.IOException;
import java.net.BindException;
import org.eclipse.jetty.server.Server;

/** Starting and stopping a service's Jetty server, with failures that name the service and port. */
public final class JettyLifecycle {

    private JettyLifecycle() {
    }

    /** @throws IOException naming {@code service}, host and port when the port cannot be bound */
    public static void start(Server server, String service, String host, int port) throws Exception {
        try {
            server.start();
        } catch (IOException e) {
            server.stop();
            // Jetty wraps the JDK's BindException, whose message is the one an operator needs.
            Throwable bind = e instanceof BindException ? e : e.getCause();
            if (bind instanceof BindException) {
                throw new IOException(service + " cannot listen on tcp/" + port + " (" + host + "): "
                        + bind.getMessage(), e);
            }
            throw e;
        }
    }

    public static void stop(Server server, String service) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(service + " did not stop cleanly", e);
        }
    }
}
