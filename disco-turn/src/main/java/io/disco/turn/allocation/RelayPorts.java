package io.disco.turn.allocation;

import java.net.InetAddress;

/** Opens relay endpoints: the I/O layer's side of Allocate. */
public interface RelayPorts {

    /**
     * Opens a relay endpoint for a client that reached the server at {@code serverAddress}.
     *
     * @param evenPort whether the port must be even (EVEN-PORT, RFC 5766 §14.6)
     * @return the endpoint, or null when no port is free (508)
     */
    RelayEndpoint open(InetAddress serverAddress, boolean evenPort);

    /** Opens a relay endpoint on exactly {@code port}; null when it is taken or outside the range. */
    RelayEndpoint openAt(InetAddress serverAddress, int port);
}
