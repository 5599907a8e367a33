package io.disco.redis.fleet;

import io.disco.redis.RedisLocation;
import io.disco.redis.SharedRedis;
import org.slf4j.Logger;

/**
 * One line when Redis is lost and one when it is back, however many heartbeats fail between:
 * the fleet's thread is the only one to tell it.
 */
final class Outage {

    private final Logger log;
    private final RedisLocation redis;
    private final String meanwhile;
    private final String after;
    private boolean down;

    /**
     * @param meanwhile what goes on while Redis is away
     * @param after     what goes on again once it is back
     */
    Outage(Logger log, RedisLocation redis, String meanwhile, String after) {
        this.log = log;
        this.redis = redis;
        this.meanwhile = meanwhile;
        this.after = after;
    }

    void failed(RuntimeException e) {
        if (!down) {
            down = true;
            log.warn("Lost Redis at {} ({}): {}", redis.where(), SharedRedis.reason(e), meanwhile);
        }
    }

    void succeeded() {
        if (down) {
            down = false;
            log.info("Redis at {} is back: {}", redis.where(), after);
        }
    }
}
