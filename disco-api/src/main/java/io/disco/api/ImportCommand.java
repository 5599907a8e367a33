package io.disco.api;

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
                + "the store already holds is kept as it is. Into sqlite: only while no server has the file open.")
final class ImportCommand extends StoreCommand {

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "5m0s",
            converter = Converters.PositiveDuration.class,
            description = "Lifetime of groups that name no TTL, as the servers' --ttl (default: ${DEFAULT-VALUE})")
    Duration ttl;

    @Override
    int run(GroupStore groups, Clock clock) throws Exception {
        GroupImport.Counts counts;
        try {
            counts = GroupImport.read(System.in, groups, ttl, clock.instant());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": nothing imported: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getErr().println("imported " + counts.imported() + " groups; " + counts.alreadyThere()
                + " already there were kept, " + counts.expired() + " expired were left out");
        return 0;
    }
}
