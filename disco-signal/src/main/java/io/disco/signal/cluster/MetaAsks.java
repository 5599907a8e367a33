package io.disco.signal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.disco.signal.router.NodeRequests;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta procedures asked of every router of the cluster at once, on a channel all of them listen
 * to, each answering for itself on the asker's channel. Nothing is kept in Redis: sessions and
 * callees are where they live, and a router gone stops answering with its connection, or is
 * waited for one heartbeat at most.
 *
 * <p>An ask: a JSON array of the asker's node, the ask's number, the realm, the procedure and its
 * arguments. An answer: the ask's number, then what the router says, or nothing when it has
 * nothing to say.
 */
final class MetaAsks {

    private static final Logger LOG = LoggerFactory.getLogger(MetaAsks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StatefulRedisConnection<String, byte[]> redis;
    private final ClusterKeyspace keys;
    private final int self;
    private final Duration wait;
    private final ScheduledExecutorService timer;
    private final AtomicLong numbers = new AtomicLong();
    private final Map<Long, Ask> asked = new ConcurrentHashMap<>();

    /** An ask waiting for answers; how many it waits for is known once Redis says how many heard it. */
    private final class Ask {
        final long number;
        final CompletableFuture<List<JsonNode>> done = new CompletableFuture<>();
        private final List<JsonNode> answers = new ArrayList<>();
        private int heard;
        private int expected = -1;

        Ask(long number) {
            this.number = number;
        }

        synchronized void answered(Optional<JsonNode> answer) {
            heard++;
            answer.ifPresent(answers::add);
            endIfAllAnswered();
        }

        synchronized void expect(int routers) {
            expected = routers;
            endIfAllAnswered();
        }

        private void endIfAllAnswered() {
            if (expected >= 0 && heard >= expected) {
                end();
            }
        }

        synchronized void end() {
            if (asked.remove(number, this)) {
                done.complete(List.copyOf(answers));
            }
        }
    }

    MetaAsks(StatefulRedisConnection<String, byte[]> redis, ClusterKeyspace keys, int self, Duration wait,
             ScheduledExecutorService timer) {
        this.redis = redis;
        this.keys = keys;
        this.self = self;
        this.wait = wait;
        this.timer = timer;
    }

    /** The other routers' answers; Redis out of reach, none. */
    CompletionStage<List<JsonNode>> ask(String realm, String procedure, ArrayNode args) {
        Ask ask = new Ask(numbers.incrementAndGet());
        asked.put(ask.number, ask);
        ArrayNode message = JSON.createArrayNode().add(self).add(ask.number).add(realm).add(procedure);
        message.add(args);
        try {
            timer.schedule(ask::end, wait.toMillis(), TimeUnit.MILLISECONDS);
            redis.async().publish(keys.metaAsks(), JSON.writeValueAsBytes(message)).whenComplete((heard, failure) ->
                    ask.expect(failure != null ? 0 : (int) (heard - 1))); // this router hears its own ask too
        } catch (IOException | RuntimeException e) {
            // Lettuce refuses a command at once while the connection is down; stopped, the timer refuses.
            ask.expect(0);
        }
        return ask.done;
    }

    /** On Lettuce's thread: another router's ask, answered for this router. */
    void asked(byte[] bytes, NodeRequests router) {
        try {
            JsonNode ask = JSON.readTree(bytes);
            int from = ask.path(0).asInt();
            if (from == self) {
                return;
            }
            ArrayNode answer = JSON.createArrayNode().add(ask.path(1).asLong());
            router.meta(ask.path(2).asText(), ask.path(3).asText(),
                    ask.path(4).isArray() ? (ArrayNode) ask.get(4) : JSON.createArrayNode()).ifPresent(answer::add);
            redis.async().publish(keys.metaAnswers(from), JSON.writeValueAsBytes(answer));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Left a meta procedure of another router unanswered: {}", e.getMessage());
        }
    }

    /** On Lettuce's thread: another router's answer to an ask of this router. */
    void answered(byte[] bytes) {
        try {
            JsonNode answer = JSON.readTree(bytes);
            Ask ask = asked.get(answer.path(0).asLong());
            if (ask != null) {
                ask.answered(Optional.ofNullable(answer.get(1)));
            }
        } catch (IOException e) {
            LOG.debug("Dropped an answer of another router: {}", e.getMessage());
        }
    }
}
