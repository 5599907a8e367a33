package io.disco.api;

import io.disco.api.store.GroupStore;
import io.disco.api.transfer.GroupExport;
import java.time.Clock;
import picocli.CommandLine.Command;

/** {@code disco-api.jar export --store ... > groups.json}: a store's live groups, as GET /groups. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes every live group of the store to standard output, as GET /groups answers them "
                + "(LastUpdated and TTL included). Safe while servers use the store.")
final class ExportCommand extends StoreCommand {

    @Override
    int run(GroupStore groups, Clock clock) throws Exception {
        // Bytes to System.out, not through a Writer: the JSON stays UTF-8 whatever the platform's charset.
        int count = GroupExport.write(groups, clock, System.out);
        spec.commandLine().getErr().println("exported " + count + " groups");
        return 0;
    }
}
