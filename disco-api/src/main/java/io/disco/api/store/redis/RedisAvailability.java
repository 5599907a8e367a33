package io.disco.api.store.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Redis answers, told once when it stops and once when it is back: during an outage every
 * request fails, and a line per request would bury the two that matter. Lettuce reports the
 * connection's state; a command that fails or times out on a connection still open (a Redis that
 * hangs) counts as lost too, and the next that succeeds as back.
 */
final class RedisAvailability implements RedisConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(RedisGroupStore.class);

    private final String where;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private volatile boolean closing;

    RedisAvailability(String where) {
        this.where = where;
    }

    void lost(String why) {
        if (!closing && up.compareAndSet(true, false)) {
            LOG.warn("Lost Redis at {} ({}): requests answer 503 until it is back", where, why);
        }
    }

    void answered() {
        if (!up.get() && up.compareAndSet(false, true)) {
            LOG.info("Redis at {} is back", where);
        }
    }

    /** Why Redis is taken for lost, while it is. */
    Optional<String> problem() {
        return up.get() ? Optional.empty() : Optional.of("Redis at " + where + " does not answer");
    }

    /** The store closes its connection on purpose: that is no outage. */
    void closing() {
        closing = true;
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        answered();
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        lost("connection closed");
    }
}
