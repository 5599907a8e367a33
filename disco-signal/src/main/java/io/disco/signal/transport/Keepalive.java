package io.disco.signal.transport;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings every socket each interval, and drops a socket heard nothing from (no message, no pong)
 * for two intervals: its peer is gone though TCP has not noticed, and its session must end.
 */
final class Keepalive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Keepalive.class);
    private static final ByteBuffer PING = ByteBuffer.wrap(new byte[] {'d', 'i', 's', 'c', 'o'}).asReadOnlyBuffer();

    private final Duration interval;
    private final Clock clock;
    private final Set<WampSocket> sockets = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> task;

    Keepalive(Duration interval, ScheduledExecutorService timers, Clock clock) {
        this.interval = interval;
        this.clock = clock;
        long period = interval.toMillis();
        this.task = timers.scheduleWithFixedDelay(this::round, period, period, TimeUnit.MILLISECONDS);
    }

    void watch(WampSocket socket) {
        sockets.add(socket);
    }

    void forget(WampSocket socket) {
        sockets.remove(socket);
    }

    /** One round: drop the silent, ping the rest. */
    void round() {
        long silentSince = clock.millis() - 2 * interval.toMillis();
        for (WampSocket socket : sockets) {
            if (socket.lastHeard() < silentSince) {
                LOG.info("Dropping {}: nothing heard for {} s", socket.peer(), 2 * interval.toSeconds());
                socket.drop();
            } else {
                socket.ping(PING.duplicate());
            }
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
