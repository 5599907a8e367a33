package io.disco.api;

import io.disco.api.group.GroupLimits;
import io.disco.api.group.GroupQuota;
import io.disco.api.group.GroupRules;
import io.disco.api.group.TtlPolicy;
import io.disco.api.store.GroupStore;
import io.disco.api.transfer.GroupImport;
import io.disco.common.cli.Converters;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code disco-api.jar import --store ... < groups.json}: groups back into a store, never overwriting. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reads groups from standard input, as export wrote them, into the store: each keeps its "
                + "LastUpdated and TTL, so it expires when it would have; expired ones are left out, and a group "
                + "the store already holds is kept as it is. TTLs are clamped and groups checked as the servers "
                + "do, with the same flags; one group that fails imports nothing. Into sqlite: only while no "
                + "server has the file open.")
final class ImportCommand extends StoreCommand {

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = TtlPolicy.DEFAULT_TTL,
            converter = Converters.PositiveDuration.class,
            description = "Lifetime of groups that name no TTL, as the servers' --ttl (default: ${DEFAULT-VALUE})")
    Duration ttl;

    @Option(names = "--min-ttl", paramLabel = "DURATION", defaultValue = TtlPolicy.DEFAULT_MIN_TTL,
            converter = Converters.PositiveDuration.class,
            description = "Smallest TTL, as the servers' --min-ttl: a smaller one is raised to it (default: ${DEFAULT-VALUE})")
    Duration minTtl;

    @Option(names = "--max-ttl", paramLabel = "DURATION", defaultValue = TtlPolicy.DEFAULT_MAX_TTL,
            converter = Converters.PositiveDuration.class,
            description = "Largest TTL, as the servers' --max-ttl: a larger one is lowered to it (default: ${DEFAULT-VALUE})")
    Duration maxTtl;

    @Option(names = "--max-peers", paramLabel = "N", defaultValue = "" + GroupLimits.DEFAULT_MAX_PEERS,
            description = "Most peers a group may list, as the servers' --max-peers (default: ${DEFAULT-VALUE})")
    int maxPeers;

    @Option(names = "--max-groups", paramLabel = "N", defaultValue = "" + GroupQuota.DEFAULT_MAX_GROUPS,
            description = "Most groups the store may keep after the import, as the servers' --max-groups "
                    + "(default: ${DEFAULT-VALUE})")
    int maxGroups;

    @Option(names = "--max-groups-per-app", paramLabel = "N", defaultValue = "" + GroupQuota.DEFAULT_MAX_GROUPS_PER_APP,
            description = "Most groups one AppID may have after the import, as the servers' --max-groups-per-app "
                    + "(default: ${DEFAULT-VALUE})")
    int maxGroupsPerApp;

    @Override
    int run(GroupStore groups, Clock clock) throws Exception {
        GroupImport.Counts counts;
        try {
            GroupImport.Rules rules = new GroupImport.Rules(new GroupRules(GroupLimits.withMaxPeers(maxPeers)),
                    new TtlPolicy(ttl, minTtl, maxTtl), new GroupQuota(maxGroups, maxGroupsPerApp));
            counts = GroupImport.read(System.in, groups, rules, clock.instant());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": nothing imported: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getErr().println("imported " + counts.imported() + " groups; " + counts.alreadyThere()
                + " already there were kept, " + counts.expired() + " expired were left out");
        return 0;
    }
}
