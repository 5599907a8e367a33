package io.disco.turn.relay;

import io.disco.turn.allocation.Allocation;
import io.disco.turn.allocation.AllocationTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open TCP and TLS client connections, at most as many as allocations may be: each one costs a
 * descriptor and buffers whether or not it ever allocates. An allocation made over a connection
 * lives only as long as the connection (RFC 5766 §2.1), and a connection lives only so long
 * without an allocation.
 */
final class StreamConnections {

    /**
     * How long a connection may stay open without an allocation (coturn's default
     * max-allocate-timeout): otherwise idle sockets, which cost a descriptor each, could be held
     * open without ever authenticating.
     */
    static final Duration ALLOCATE_TIMEOUT = Duration.ofSeconds(60);

    private final Set<TcpConnection> open = ConcurrentHashMap.newKeySet();
    private final AllocationTable allocations;
    private final Clock clock;
    private final int max;

    StreamConnections(AllocationTable allocations, Clock clock, int max) {
        this.allocations = allocations;
        this.clock = clock;
        this.max = max;
    }

    /** Whether as many connections are open as allowed. */
    boolean full() {
        return open.size() >= max;
    }

    int max() {
        return max;
    }

    void opened(TcpConnection connection) {
        open.add(connection);
    }

    /** Frees the allocation of a connection that closed. */
    void closed(TcpConnection connection) {
        open.remove(connection);
        long now = clock.millis();
        Allocation allocation = allocations.get(connection.fiveTuple(), now);
        if (allocation != null) {
            allocations.remove(allocation, now);
        }
    }

    /** Closes the connections that have been open {@link #ALLOCATE_TIMEOUT} without an allocation. */
    void closeIdle(long nowMillis) {
        long openedBefore = nowMillis - ALLOCATE_TIMEOUT.toMillis();
        for (TcpConnection connection : open) {
            if (connection.acceptedAtMillis() <= openedBefore
                    && allocations.get(connection.fiveTuple(), nowMillis) == null) {
                connection.close();
            }
        }
    }

    int count() {
        return open.size();
    }

    void closeAll() {
        open.forEach(TcpConnection::close);
    }
}
