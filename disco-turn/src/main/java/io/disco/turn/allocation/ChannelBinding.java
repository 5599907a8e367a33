package io.disco.turn.allocation;

import java.net.InetSocketAddress;

/**
 * A channel number bound to a peer transport address (RFC 5766 §11). After it expires the binding
 * is kept for five more minutes so the number is not bound to another peer in that time.
 */
public final class ChannelBinding {

    public static final int MIN_NUMBER = 0x4000;
    public static final int MAX_NUMBER = 0x7FFF;

    private final int number;
    private final InetSocketAddress peer;
    private volatile long expiresAtMillis;

    ChannelBinding(int number, InetSocketAddress peer, long expiresAtMillis) {
        this.number = number;
        this.peer = peer;
        this.expiresAtMillis = expiresAtMillis;
    }

    public static boolean validNumber(int number) {
        return number >= MIN_NUMBER && number <= MAX_NUMBER;
    }

    public int number() {
        return number;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public boolean activeAt(long nowMillis) {
        return nowMillis < expiresAtMillis;
    }

    long expiresAtMillis() {
        return expiresAtMillis;
    }

    void refresh(long expiresAtMillis) {
        this.expiresAtMillis = expiresAtMillis;
    }
}
