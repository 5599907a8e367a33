package io.disco.api;

import io.disco.api.store.GroupStore;
import io.disco.api.store.StoreConfig;
import io.disco.api.transfer.GroupExport;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code disco-api.jar export --store ... > groups.json}: a store's live groups, as GET /groups. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes every live group of the store to standard output, as GET /groups answers them "
                + "(LastUpdated and TTL included). Safe while servers use the store.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StoreConfig config = StoreTransfer.keeping(store, spec);
        Clock clock = Clock.systemUTC();
        try (GroupStore groups = config.open(clock)) {
            // Bytes to System.out, not through a Writer: the JSON stays UTF-8 whatever the platform's charset.
            int count = GroupExport.write(groups, clock, System.out);
            spec.commandLine().getErr().println("exported " + count + " groups");
        }
        return 0;
    }
}
