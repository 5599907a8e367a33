package io.disco.api.audit;

import io.disco.api.throttle.ClientAddresses;
import java.net.InetAddress;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Notes on each request that may change a group who sent it (an {@link InetAddress}, as
 * {@code --trusted-proxy} reads the request), for the audit line of the change; reads are let
 * through untouched.
 */
public final class WriteClients extends Handler.Wrapper {

    /** The request attribute, and the Jersey request property, holding the client's address. */
    public static final String ATTRIBUTE = WriteClients.class.getName();

    private final ClientAddresses clients;

    public WriteClients(ClientAddresses clients, Handler next) {
        super(next);
        this.clients = clients;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if (!(HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method) || HttpMethod.OPTIONS.is(method))) {
            InetAddress client = clients.clientOf(request);
            if (client != null) {
                request.setAttribute(ATTRIBUTE, client);
            }
        }
        return super.handle(request, response, callback);
    }

    /** Who sent {@code request}, when it is a write; else null. */
    public static InetAddress of(Request request) {
        return (InetAddress) request.getAttribute(ATTRIBUTE);
    }
}
