package io.disco.turn;

import io.disco.turn.allocation.Allocation;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.allocation.RelayedTraffic;
import io.disco.turn.allocation.Transport;
import io.disco.turn.protocol.RequestCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The TURN server's meters, {@code disco_turn_*} in Prometheus's names. Each reads, when scraped,
 * what the server counts anyway (the requests' {@link RequestCounts}, each allocation's
 * {@link RelayedTraffic}, the table of allocations), so metrics add nothing to the relay path.
 */
final class TurnMeters {

    private TurnMeters() {
    }

    static void bind(MeterRegistry registry, AllocationTable allocations, RequestCounts requests,
                     Supplier<TurnCounters> counters, Clock clock) {
        for (Transport transport : Transport.values()) {
            Gauge.builder("disco.turn.allocations", allocations, table -> open(table, transport))
                    .tag("transport", transport.name().toLowerCase(Locale.ROOT))
                    .description("Allocations open, by the transport between client and server")
                    .register(registry);
        }
        // Not ".created": Prometheus reserves a counter's _created series for its start time.
        FunctionCounter.builder("disco.turn.allocations.granted", requests, RequestCounts::allocated)
                .description("Allocations created").register(registry);
        for (RequestCounts.Refusal reason : RequestCounts.Refusal.values()) {
            FunctionCounter.builder("disco.turn.allocations.refused", requests, counts -> counts.refused(reason))
                    .tag("reason", reason.label())
                    .description("Allocate requests refused: quota, auth (wrong credentials), capacity, draining")
                    .register(registry);
        }
        FunctionCounter.builder("disco.turn.unauthorized", requests, RequestCounts::unauthorized)
                .description("401 answers sent: challenges, and credentials refused").register(registry);
        FunctionCounter.builder("disco.turn.unauthorized.ratelimited", requests, RequestCounts::unansweredChallenges)
                .description("401 and 438 answers not sent because their UDP source asked too often")
                .register(registry);
        FunctionCounter.builder("disco.turn.nonce.expiries", requests, RequestCounts::staleNonces)
                .description("Requests with an expired nonce (438)").register(registry);
        FunctionCounter.builder("disco.turn.peer.denials", requests, RequestCounts::peerDenials)
                .description("Permissions and channels refused by the peer filter (403)").register(registry);
        FunctionCounter.builder("disco.turn.binding.requests", requests, RequestCounts::bindings)
                .description("Binding requests answered").register(registry);

        Gauge.builder("disco.turn.permissions", allocations, table -> sum(table, clock, Allocation::permissionsAt))
                .description("Permissions in force").register(registry);
        Gauge.builder("disco.turn.channels", allocations, table -> sum(table, clock, Allocation::channelsAt))
                .description("Channels bound").register(registry);

        relayed(registry, allocations, "to_peer", RelayedTraffic::packetsToPeer, RelayedTraffic::bytesToPeer);
        relayed(registry, allocations, "to_client", RelayedTraffic::packetsToClient, RelayedTraffic::bytesToClient);

        FunctionCounter.builder("disco.turn.dropped.datagrams", counters, c -> c.get().droppedDatagrams())
                .description("Relayed datagrams dropped: no allocation, permission or channel, over the bandwidth")
                .register(registry);
        FunctionCounter.builder("disco.turn.malformed.messages", counters, c -> c.get().malformedDatagrams())
                .tag("transport", "udp").description("Messages to the server dropped as malformed")
                .register(registry);
        FunctionCounter.builder("disco.turn.malformed.messages", counters, c -> c.get().malformedStreamMessages())
                .tag("transport", "stream").description("Messages to the server dropped as malformed")
                .register(registry);
        FunctionCounter.builder("disco.turn.connections.refused", counters, c -> c.get().refusedConnections())
                .description("TCP and TLS connections closed at once: as many were open as allowed")
                .register(registry);
    }

    private static void relayed(MeterRegistry registry, AllocationTable allocations, String direction,
                                ToLongFunction<RelayedTraffic> packets, ToLongFunction<RelayedTraffic> bytes) {
        FunctionCounter.builder("disco.turn.relayed.packets", allocations, table -> packets.applyAsLong(table.relayed()))
                .tag("direction", direction).description("Packets relayed between clients and peers")
                .register(registry);
        FunctionCounter.builder("disco.turn.relayed", allocations, table -> bytes.applyAsLong(table.relayed()))
                .tag("direction", direction).baseUnit("bytes")
                .description("Data relayed between clients and peers, without the TURN framing")
                .register(registry);
    }

    private static double open(AllocationTable table, Transport transport) {
        long open = 0;
        for (Allocation allocation : table.all()) {
            if (allocation.fiveTuple().transport() == transport) {
                open++;
            }
        }
        return open;
    }

    private interface CountAt {
        int at(Allocation allocation, long nowMillis);
    }

    private static double sum(AllocationTable table, Clock clock, CountAt count) {
        long now = clock.millis();
        long sum = 0;
        for (Allocation allocation : table.all()) {
            if (allocation.activeAt(now)) {
                sum += count.at(allocation, now);
            }
        }
        return sum;
    }
}
