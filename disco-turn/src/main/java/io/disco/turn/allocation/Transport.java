package io.disco.turn.allocation;

/** The transport between a client and the server: what a 5-tuple's protocol part says. */
public enum Transport {
    UDP, TCP, TLS
}
