package io.disco.api.throttle;

import io.disco.common.net.Cidr;
import io.disco.common.net.IpLiteral;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who a request comes from: its direct peer, unless that peer is a trusted proxy, in which case
 * {@code X-Forwarded-For} names the client. Each proxy appends the address it heard from, so the
 * list is read from the right and the first address that is not itself a trusted proxy is the
 * client; anything to its left was written by the client and may be forged.
 */
public final class ClientAddresses {

    private final List<Cidr> trustedProxies;

    public ClientAddresses(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** The client of {@code request}, or {@code null} when its peer is no IP address. */
    public InetAddress clientOf(Request request) {
        SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(peer instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return null;
        }
        InetAddress address = socket.getAddress();
        // Most requests come from peers that are no proxy: their headers need no reading.
        return trusted(address) ? clientOf(address, request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR))
                : address;
    }

    /** @param forwardedFor every {@code X-Forwarded-For} header of the request, in order */
    InetAddress clientOf(InetAddress peer, List<String> forwardedFor) {
        if (!trusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop);
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                // What a trusted proxy wrote is an address; this is not, so trust ends here.
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        for (Cidr range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An address as proxies write it: bare, {@code a.b.c.d:port} or {@code [v6]:port}; else null. */
    private static InetAddress parse(String hop) {
        String text = hop.strip();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            text = close < 0 ? "" : text.substring(1, close);
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            text = text.substring(0, text.indexOf(':'));
        }
        try {
            return IpLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
