package io.disco.redis.fleet;

import io.disco.common.ice.IceUrl;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TURN server announcing itself in its fleet's Redis every heartbeat: its URLs, its allocations
 * and whether it drains, under a key that lives three heartbeats. Best effort: while Redis is
 * away the server relays on, unannounced, and says so once. It says at once, on the change
 * channel, when it joins, starts draining or leaves.
 *
 * <p>Every Redis call is made on the fleet's thread, so a beat and a leave never cross.
 */
public final class TurnAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(TurnAnnouncer.class);
    private static final SecureRandom IDS = new SecureRandom();

    private final TurnFleet fleet;
    private final String id;
    private final List<IceUrl> urls;
    private final LongSupplier allocations;
    private final BooleanSupplier draining;
    private final Outage outage;
    // The fleet's thread alone reads and writes these.
    private boolean left;
    private Boolean announcedDraining;

    TurnAnnouncer(TurnFleet fleet, List<IceUrl> urls, LongSupplier allocations, BooleanSupplier draining) {
        byte[] random = new byte[8];
        IDS.nextBytes(random);
        this.fleet = fleet;
        this.id = HexFormat.of().formatHex(random);
        this.urls = List.copyOf(urls);
        this.allocations = allocations;
        this.draining = draining;
        this.outage = new Outage(LOG, fleet.config().redis(), "this TURN server relays on but is not announced",
                "this TURN server is announced again");
    }

    /** This server's id in the fleet: a reader of the fleet knows it by it. */
    public String id() {
        return id;
    }

    /** Announces this server now rather than at the next heartbeat: it started draining. */
    public void announceNow() {
        fleet.run(this::beat);
    }

    /** Takes this server out of the fleet now rather than in three heartbeats: it stops. */
    public void leave() {
        fleet.runAndWait(() -> {
            left = true;
            try {
                RedisCommands<String, String> commands = fleet.commands();
                commands.del(fleet.keys().node(id));
                commands.srem(fleet.keys().nodes(), id);
                commands.publish(fleet.keys().changes(), id);
            } catch (RedisException e) {
                // Its key expires within three heartbeats all the same.
                outage.failed(e);
            }
        });
    }

    /** On the fleet's thread. */
    void beat() {
        if (left) {
            return;
        }
        TurnNode node = new TurnNode(id, urls, allocations.getAsLong(), draining.getAsBoolean());
        try {
            RedisCommands<String, String> commands = fleet.commands();
            commands.set(fleet.keys().node(id), node.json(),
                    SetArgs.Builder.px(fleet.config().lifetime().toMillis()));
            commands.sadd(fleet.keys().nodes(), id);
            if (announcedDraining == null || announcedDraining != node.draining()) {
                commands.publish(fleet.keys().changes(), id);
                announcedDraining = node.draining();
            }
            outage.succeeded();
        } catch (RedisException e) {
            // Back, it is new to the readers that forgot it meanwhile.
            announcedDraining = null;
            outage.failed(e);
        }
    }
}
