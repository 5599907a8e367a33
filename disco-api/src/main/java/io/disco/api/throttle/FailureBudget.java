package io.disco.api.throttle;

import io.disco.common.net.Cidr;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Request;

/**
 * How many wrong credentials one client address may present: {@link #BURST} at once, then
 * {@link #RATE}; past that, its requests are refused before any credential is checked, which
 * bounds both guessing and the CPU a client can make the server spend deriving keys. The same
 * buckets as {@code --write-rate}'s, per client address as {@code --trusted-proxy} names it.
 */
public final class FailureBudget {

    static final WriteRate RATE = new WriteRate(20, Duration.ofMinutes(1));
    static final int BURST = 20;

    private final ClientBuckets buckets;
    private final ClientAddresses clients;
    private final Clock clock;

    public FailureBudget(List<Cidr> trustedProxies, Clock clock) {
        this.buckets = new ClientBuckets(RATE, BURST, ClientBuckets.DEFAULT_MAX_CLIENTS);
        this.clients = new ClientAddresses(trustedProxies);
        this.clock = clock;
    }

    /** Seconds until the request's client may present a credential again; 0 when it may now. */
    public long retryAfterSeconds(Request request) {
        InetAddress client = clients.clientOf(request);
        return client == null ? 0 : ClientBuckets.seconds(buckets.waitFor(client, clock.instant()));
    }

    /** Counts a wrong credential against the request's client. */
    public void spend(Request request) {
        InetAddress client = clients.clientOf(request);
        if (client != null) {
            buckets.take(client, clock.instant());
        }
    }
}
