package io.disco.signal.cluster;

import io.disco.signal.router.CalleeShare;
import io.disco.signal.router.RouteId;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of the cluster in Redis: each realm's hash of routes to the routers holding them,
 * changed only by scripts, so that a claim is atomic across routers and every change is
 * announced on the change channel in the order it was made. This router's own routes are also
 * kept here, to announce again after Redis was lost.
 */
final class ClusterRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRegistry.class);

    /** Drops a node from one route; the scripts below share it. */
    private static final String RELEASE_FUNCTION = """
            local function release(key, field, value, node, channel, realm)
              local colon = string.find(value, ':', 1, true)
              local kept = {}
              local found = false
              for holder in string.gmatch(string.sub(value, colon + 1), '[^,]+') do
                if string.match(holder, '^%d+') == node then found = true else table.insert(kept, holder) end
              end
              if not found then return 0 end
              local left = ''
              if #kept == 0 then
                redis.call('HDEL', key, field)
              else
                left = string.sub(value, 1, colon) .. table.concat(kept, ',')
                redis.call('HSET', key, field, left)
              end
              redis.call('PUBLISH', channel, 'route\\n' .. realm .. '\\n' .. field .. '\\n' .. left)
              return 1
            end
            """;

    /**
     * KEYS: the realm's routes, the realms; ARGV: field, invoke policy, node, change channel, realm,
     * id and creation (Unix milliseconds) of a new route, what follows the node number in its
     * holder ({@link Holders#entry}). A route nobody holds is claimed under the id given; one held
     * is shared only under the same policy, never single, and keeps its id; one this router holds
     * already takes its holder as given. Returns the route's {@code ID CREATED INVOKE}, or nil when
     * refused.
     */
    private static final String CLAIM = """
            local value = redis.call('HGET', KEYS[1], ARGV[1])
            local mine = ARGV[3] .. ARGV[8]
            local claimed
            if not value then
              claimed = ARGV[6] .. ' ' .. ARGV[7] .. ' ' .. ARGV[2] .. ':' .. mine
            else
              local colon = string.find(value, ':', 1, true)
              local head = string.sub(value, 1, colon - 1)
              local holders = {}
              local found = false
              for holder in string.gmatch(string.sub(value, colon + 1), '[^,]+') do
                if string.match(holder, '^%d+') == ARGV[3] then
                  found = true
                  table.insert(holders, mine)
                else
                  table.insert(holders, holder)
                end
              end
              local invoke = string.match(head, '[^ ]+$')
              if not found and (invoke ~= ARGV[2] or invoke == 'single') then return false end
              if not found then table.insert(holders, mine) end
              claimed = head .. ':' .. table.concat(holders, ',')
              if claimed == value then return head end
            end
            redis.call('HSET', KEYS[1], ARGV[1], claimed)
            redis.call('SADD', KEYS[2], ARGV[5])
            redis.call('PUBLISH', ARGV[4], 'route\\n' .. ARGV[5] .. '\\n' .. ARGV[1] .. '\\n' .. claimed)
            return string.sub(claimed, 1, string.find(claimed, ':', 1, true) - 1)
            """;

    /** KEYS: the realm's routes; ARGV: field, node, change channel, realm. */
    private static final String RELEASE = RELEASE_FUNCTION + """
            local value = redis.call('HGET', KEYS[1], ARGV[1])
            if not value then return 0 end
            return release(KEYS[1], ARGV[1], value, ARGV[2], ARGV[3], ARGV[4])
            """;

    /** KEYS: the realms, the nodes; ARGV: node, the routes' key prefix, change channel. */
    private static final String PURGE = RELEASE_FUNCTION + """
            for _, realm in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              local key = ARGV[2] .. realm
              local all = redis.call('HGETALL', key)
              for i = 1, #all, 2 do
                release(key, all[i], all[i + 1], ARGV[1], ARGV[3], realm)
              end
            end
            redis.call('SREM', KEYS[2], ARGV[1])
            redis.call('PUBLISH', ARGV[3], 'gone\\n' .. ARGV[1])
            return 1
            """;

    private final StatefulRedisConnection<String, String> redis;
    private final ClusterKeyspace keys;
    private final int self;
    /** This router's routes, their invoke policies and ids, by realm and key. */
    private final Map<Held, Claim> held = new ConcurrentHashMap<>();

    private record Held(String realm, RouteKey key) {
    }

    /**
     * What this router claims a route under; {@code id} is the cluster's once a claim succeeded.
     *
     * @param share this router's callees of a shared registration, or null
     */
    private record Claim(String invoke, RouteId id, CalleeShare share) {
    }

    ClusterRegistry(StatefulRedisConnection<String, String> redis, ClusterKeyspace keys, int self) {
        this.redis = redis;
        this.keys = keys;
        this.self = self;
    }

    /**
     * Claims {@code key} for this router. Redis out of reach: the route is this router's alone,
     * under the id proposed, until Redis is back, when it is announced again.
     *
     * @param proposed the id the route takes if no router holds it
     * @return the route's id across the cluster; empty when another router holds it and does not
     *         share it under {@code invoke}
     */
    Optional<RouteId> claim(String realm, RouteKey key, String invoke, RouteId proposed, CalleeShare share) {
        RouteId id = proposed;
        try {
            Optional<RouteId> claimed = claimed(realm, key, new Claim(invoke, proposed, share));
            if (claimed.isEmpty()) {
                return claimed;
            }
            id = claimed.get();
        } catch (RedisException | IllegalStateException e) {
            LOG.debug("{} of realm {} is announced once Redis is back ({})", key.field(), realm, e.getMessage());
        }
        held.put(new Held(realm, key), new Claim(invoke, id, share));
        return Optional.of(id);
    }

    /**
     * Announces a route whose claim always succeeds, a subscription. It is in Redis by the time this
     * returns, so that SUBSCRIBED, like REGISTERED, comes once the other routers are being told.
     *
     * @return the subscription's id across the cluster: {@code proposed} if it is the first, or Redis is out of reach
     */
    RouteId announce(String realm, RouteKey key, RouteId proposed) {
        return claim(realm, key, "-", proposed, null).orElse(proposed);
    }

    /**
     * This router's callees of a registration it holds came or went: its holder in Redis says so,
     * without waiting (changes of one route reach Redis in the order they were made).
     */
    void shareChanged(String realm, RouteKey key, CalleeShare share) {
        Claim claim = held.computeIfPresent(new Held(realm, key),
                (route, known) -> new Claim(known.invoke(), known.id(), share));
        if (claim == null) {
            return;
        }
        try {
            redis.async().eval(CLAIM, ScriptOutputType.VALUE, new String[] {keys.routes(realm), keys.realms()},
                    claimArguments(realm, key, claim));
        } catch (RedisException | IllegalStateException e) {
            // Announced again once Redis is back, as it is now.
        }
    }

    /** The next place in the cluster's order of registration; Redis out of reach, 0, as if registered first. */
    long calleeOrder() {
        try {
            return redis.sync().incr(keys.calleeOrder());
        } catch (RedisException | IllegalStateException e) {
            return 0;
        }
    }

    void release(String realm, RouteKey key) {
        held.remove(new Held(realm, key));
        try {
            redis.async().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {keys.routes(realm)},
                    key.field(), String.valueOf(self), keys.changes(), realm);
        } catch (RedisException | IllegalStateException e) {
            // Taken out once Redis is back (announceAgain).
        }
    }

    /**
     * Claims every route of this router again, as after Redis was lost or this router was taken for
     * gone, and takes it out of those it let go of meanwhile.
     *
     * @param all every route, as {@link #readAll} just read them
     */
    void announceAgain(Map<String, Map<RouteKey, Holders>> all) {
        all.forEach((realm, routes) -> routes.forEach((key, holders) -> {
            if (Arrays.stream(holders.nodes()).anyMatch(node -> node == self) && !held.containsKey(new Held(realm, key))) {
                redis.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {keys.routes(realm)},
                        key.field(), String.valueOf(self), keys.changes(), realm);
            }
        }));
        held.forEach((route, claim) -> {
            if (claimed(route.realm(), route.key(), claim).isEmpty()) {
                LOG.warn("{} of realm {} was claimed by another router while Redis was out of reach: calls from"
                        + " here go to this router's callee, calls from elsewhere to the other", route.key().field(),
                        route.realm());
            }
        });
    }

    /** Takes router {@code node} out of every route, and out of the cluster. */
    void purge(int node) {
        redis.sync().eval(PURGE, ScriptOutputType.INTEGER, new String[] {keys.realms(), keys.nodes()},
                String.valueOf(node), keys.routesOf(), keys.changes());
    }

    /** Who holds {@code key} in Redis now, without waiting for it. */
    CompletionStage<Optional<Holders>> holders(String realm, RouteKey key) {
        try {
            return redis.async().hget(keys.routes(realm), key.field())
                    .thenApply(value -> value == null ? Optional.<Holders>empty() : Holders.parse(value));
        } catch (RedisException | IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Every route of every realm, as Redis holds them now. */
    Map<String, Map<RouteKey, Holders>> readAll() {
        Map<String, Map<RouteKey, Holders>> all = new HashMap<>();
        for (String realm : redis.sync().smembers(keys.realms())) {
            Map<RouteKey, Holders> routes = new HashMap<>();
            redis.sync().hgetall(keys.routes(realm)).forEach((field, value) -> {
                Optional<RouteKey> key = RouteKey.parse(field);
                Optional<Holders> holders = Holders.parse(value);
                if (key.isPresent() && holders.isPresent()) {
                    routes.put(key.get(), holders.get());
                }
            });
            all.put(realm, routes);
        }
        return all;
    }

    private Optional<RouteId> claimed(String realm, RouteKey key, Claim claim) {
        String head = redis.sync().eval(CLAIM, ScriptOutputType.VALUE,
                new String[] {keys.routes(realm), keys.realms()}, claimArguments(realm, key, claim));
        return head == null ? Optional.empty() : Holders.parse(head + ":" + self).map(Holders::id);
    }

    private String[] claimArguments(String realm, RouteKey key, Claim claim) {
        return new String[] {key.field(), claim.invoke(), String.valueOf(self), keys.changes(), realm,
                String.valueOf(claim.id().id()), String.valueOf(claim.id().created().toEpochMilli()),
                Holders.entry(claim.share())};
    }
}
