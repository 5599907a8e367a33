package io.disco.turn.allocation;


/** Opens relay endpoints: the I/O layer's side of Allocate. */
public interface RelayPorts {

    /** Whether relays of this IP family can be opened (RFC 6156): IPv6 when {@code ipv6}, else IPv4. */
    boolean serves(boolean ipv6);

    /**
     * Opens a relay endpoint of the family asked for.
     *
     * @param evenPort whether the port must be even (EVEN-PORT, RFC 5766 §14.6)
     * @return the endpoint, or null when no port is free (508)
     */
    RelayEndpoint open(boolean ipv6, boolean evenPort);

    /** Opens a relay endpoint on exactly {@code port}; null when it is taken or outside the range. */
    RelayEndpoint openAt(boolean ipv6, int port);
}
