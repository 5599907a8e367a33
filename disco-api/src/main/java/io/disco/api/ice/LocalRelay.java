package io.disco.api.ice;

import io.disco.common.ice.IceUrl;
import io.disco.common.ice.IceUrl.Scheme;
import io.disco.common.ice.IceUrl.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * The TURN server of the same process ({@code disco.jar}), reached at the host name clients
 * reached the API at. Its ports are read at each request: they are known once it listens, which
 * may be after the API starts (port 0 picks them).
 */
public interface LocalRelay {

    /** The UDP and TCP port. */
    int port();

    /** The TURN over TLS port, when TLS is served. */
    OptionalInt tlsPort();

    /** The relay's URLs at {@code host}, a name or an IP address (an IPv6 one bracketed or not). */
    default List<IceUrl> urls(String host) {
        List<IceUrl> urls = new ArrayList<>(3);
        urls.add(IceUrl.turn(Scheme.TURN, host, port(), Transport.UDP));
        urls.add(IceUrl.turn(Scheme.TURN, host, port(), Transport.TCP));
        tlsPort().ifPresent(tls -> urls.add(IceUrl.turn(Scheme.TURNS, host, tls, Transport.TCP)));
        return urls;
    }

    /** @param tlsPort the TURN over TLS port, negative when TLS is off */
    static LocalRelay of(IntSupplier port, IntSupplier tlsPort) {
        return new LocalRelay() {
            @Override
            public int port() {
                return port.getAsInt();
            }

            @Override
            public OptionalInt tlsPort() {
                int tls = tlsPort.getAsInt();
                return tls < 0 ? OptionalInt.empty() : OptionalInt.of(tls);
            }
        };
    }
}
