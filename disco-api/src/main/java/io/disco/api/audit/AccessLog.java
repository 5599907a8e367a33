package io.disco.api.audit;

import io.disco.api.throttle.ClientAddresses;
import java.net.InetAddress;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/**
 * The API's access log ({@code --access-log}): a line per request at INFO on logger
 * {@code disco.access}, so that {@code --log-format} applies to it as to every other line:
 * <pre>203.0.113.7 "GET /groups/abc HTTP/1.1" 200 312 2ms</pre>
 * the client's address (as {@code --trusted-proxy} reads the request), method, path, protocol,
 * status, bytes sent (headers included) and the time taken. Never the query string (it may hold an
 * {@code app-id} a deployment keeps to itself), nor a header or a body. Written once the request
 * has completed, off its path.
 */
public final class AccessLog extends ContainerLifeCycle implements RequestLog {

    static final String LOGGER = "disco.access";
    private static final String CLIENT = "disco.client";
    private static final String FORMAT = "%{" + CLIENT + "}attr \"%m %U %H\" %s %O %{ms}Tms";

    private final ClientAddresses clients;
    private final CustomRequestLog lines;

    public AccessLog(ClientAddresses clients) {
        this.clients = clients;
        Slf4jRequestLogWriter writer = new Slf4jRequestLogWriter();
        writer.setLoggerName(LOGGER);
        lines = new CustomRequestLog(writer, FORMAT);
        addBean(lines);
    }

    @Override
    public void log(Request request, Response response) {
        lines.log(new WithClient(request), response);
    }

    /** The request with its client's address as one more attribute, looked up only here. */
    private final class WithClient extends Request.Wrapper {

        WithClient(Request request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            if (!CLIENT.equals(name)) {
                return super.getAttribute(name);
            }
            InetAddress client = WriteClients.of(getWrapped());
            if (client == null) {
                client = clients.clientOf(getWrapped());
            }
            return client == null ? null : client.getHostAddress();
        }
    }
}
