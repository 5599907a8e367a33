package io.disco.signal;

import io.disco.common.tls.TlsIdentity;
import io.disco.signal.router.RouterLimits;
import io.disco.signal.transport.WebSocketSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the signaling router needs, parsed and checked.
 *
 * @param host            interface to listen on; {@code 0.0.0.0} for all
 * @param port            WSS port; 0 picks a free one (tests)
 * @param realms          the WAMP realms served
 * @param tls             certificate and key
 * @param maxMessageBytes largest WAMP message accepted, in either frame type
 * @param keepalive       ping interval; a client silent for two intervals is dropped
 * @param maxQueued       messages that may wait to be sent to one client before it is dropped as too slow
 * @param limits          per-session caps on registrations, subscriptions and calls in flight
 */
public record SignalConfig(String host, int port, Realms realms, TlsIdentity tls, long maxMessageBytes,
                           Duration keepalive, int maxQueued, RouterLimits limits) {

    /** All interfaces; the flags' defaults live in {@link SignalOptions}. */
    public static final String DEFAULT_HOST = "0.0.0.0";

    /** Messages are buffered whole; offers and answers are a few KiB. */
    public static final long MAX_MESSAGE_BYTES = 64L << 20;

    public SignalConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(realms, "realms");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(limits, "limits");
        if (maxMessageBytes < 1 || maxMessageBytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("--max-message-size must be between 1B and 64MiB");
        }
        if (maxQueued < 1) {
            throw new IllegalArgumentException("--max-queued-messages must be at least 1");
        }
        if (limits.maxRegistrations() < 0 || limits.maxSubscriptions() < 0 || limits.maxPendingCalls() < 0) {
            throw new IllegalArgumentException("--max-registrations, --max-subscriptions and --max-pending-calls"
                    + " must not be negative");
        }
    }

    /** The anonymous realm's name ({@code --realm}). */
    public String realm() {
        return realms.realm();
    }

    /** What the websocket layer takes of this. */
    public WebSocketSettings webSocket() {
        return new WebSocketSettings(maxMessageBytes, keepalive, maxQueued);
    }
}
