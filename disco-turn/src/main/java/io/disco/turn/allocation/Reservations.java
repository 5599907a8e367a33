package io.disco.turn.allocation;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relay ports held for a later Allocate (EVEN-PORT with the R bit, RFC 5766 §6.2): the port after
 * an even one, bound at once and handed to whoever presents its RESERVATION-TOKEN within 30 s.
 * Bounded: a full table refuses new reservations (508).
 */
public final class Reservations {

    public static final Duration LIFETIME = Duration.ofSeconds(30);

    private record Reservation(RelayEndpoint endpoint, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<Long, Reservation> byToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final int capacity;

    public Reservations(int capacity) {
        this.capacity = capacity;
    }

    /** Holds {@code endpoint}; returns its 8-byte token, or null when the table is full. */
    public byte[] reserve(RelayEndpoint endpoint, long nowMillis) {
        if (byToken.size() >= capacity) {
            return null;
        }
        Reservation reservation = new Reservation(endpoint, nowMillis + LIFETIME.toMillis());
        while (true) {
            long token = random.nextLong();
            if (byToken.putIfAbsent(token, reservation) == null) {
                return ByteBuffer.allocate(8).putLong(token).array();
            }
        }
    }

    /** The endpoint reserved under {@code token}, now the caller's; null when unknown or expired. */
    public RelayEndpoint take(byte[] token, long nowMillis) {
        Reservation reservation = byToken.remove(ByteBuffer.wrap(token).getLong());
        if (reservation == null) {
            return null;
        }
        if (nowMillis >= reservation.expiresAtMillis()) {
            reservation.endpoint().close();
            return null;
        }
        return reservation.endpoint();
    }

    /** Releases expired reservations' ports. */
    public void sweep(long nowMillis) {
        byToken.values().removeIf(reservation -> {
            if (nowMillis < reservation.expiresAtMillis()) {
                return false;
            }
            reservation.endpoint().close();
            return true;
        });
    }

    public int size() {
        return byToken.size();
    }

    /** Releases every reserved port (server shutdown). */
    public void clear() {
        sweep(Long.MAX_VALUE);
    }
}
