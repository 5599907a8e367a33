package io.disco.turn.allocation;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The audit trail of allocations: one INFO line when one is created, refreshed or ended, with its
 * user, client, relay port and (once ended) what it relayed each way and for how long, as key-value
 * pairs a JSON log keeps as fields. Never a line per packet.
 */
public final class AllocationAudit {

    /** The audit logger every service of disco writes to, so that one rule can route the trail. */
    private static final Logger LOG = LoggerFactory.getLogger("disco.audit");

    private AllocationAudit() {
    }

    public static void created(Allocation allocation, Duration lifetime) {
        about(allocation).addKeyValue("lifetime_seconds", lifetime.toSeconds()).log("TURN allocation created");
    }

    public static void refreshed(Allocation allocation, Duration lifetime) {
        about(allocation).addKeyValue("lifetime_seconds", lifetime.toSeconds()).log("TURN allocation refreshed");
    }

    static void ended(Allocation allocation, long nowMillis) {
        RelayedTraffic traffic = allocation.traffic();
        about(allocation)
                .addKeyValue("bytes_to_peer", traffic.bytesToPeer())
                .addKeyValue("bytes_to_client", traffic.bytesToClient())
                .addKeyValue("duration_seconds", Math.max(0, nowMillis - allocation.createdAtMillis()) / 1000)
                .log("TURN allocation ended");
    }

    private static LoggingEventBuilder about(Allocation allocation) {
        FiveTuple fiveTuple = allocation.fiveTuple();
        return LOG.atInfo()
                .addKeyValue("username", allocation.username())
                .addKeyValue("client", hostAndPort(fiveTuple.client()))
                .addKeyValue("transport", fiveTuple.transport().name().toLowerCase(Locale.ROOT))
                .addKeyValue("relay_port", allocation.relayedAddress().getPort());
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
