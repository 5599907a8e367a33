package io.disco.turn.allocation;

/** Lets one peer IP address (any port) send to an allocation, until it expires (RFC 5766 §8). */
final class Permission {

    private volatile long expiresAtMillis;

    Permission(long expiresAtMillis) {
        this.expiresAtMillis = expiresAtMillis;
    }

    boolean activeAt(long nowMillis) {
        return nowMillis < expiresAtMillis;
    }

    void refresh(long expiresAtMillis) {
        this.expiresAtMillis = expiresAtMillis;
    }
}
