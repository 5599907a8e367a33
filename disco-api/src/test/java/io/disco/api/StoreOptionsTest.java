package io.disco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.disco.api.store.StoreConfig;
import io.disco.api.store.sqlite.StoreSync;
import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.EnvironmentDefaults;
import io.disco.common.testing.TestTls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StoreOptionsTest {

    private final StringWriter err = new StringWriter();

    private static StoreConfig parse(Map<String, String> env, String... args) {
        ApiMain main = new ApiMain();
        CommandLine line = new CommandLine(main);
        line.setDefaultValueProvider(new EnvironmentDefaults(env));
        line.parseArgs(args);
        return main.api.toConfig(TestTls.identity()).store();
    }

    private int run(String... args) {
        Map<String, String> env = Map.of("DISCO_CERT_FILE", TestTls.certFile().toString(),
                "DISCO_KEY_FILE", TestTls.keyFile().toString());
        return CommandRunner.run(new ApiMain(), args, env, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }

    @Test
    void theDefaultIsAnSqliteFileUnderTheWorkingDirectoryWithNormalSync() {
        assertEquals(new StoreConfig.Sqlite(Path.of("disco-data/groups.db"), StoreSync.NORMAL), parse(Map.of()));
    }

    @Test
    void sqliteTakesAFileAndASyncInAnyCase() {
        assertEquals(new StoreConfig.Sqlite(Path.of("/var/lib/disco/groups.db"), StoreSync.FULL),
                parse(Map.of(), "--store", "sqlite:/var/lib/disco/groups.db", "--store-sync", "FULL"));
        assertEquals(new StoreConfig.Sqlite(Path.of("g.db"), StoreSync.FULL),
                parse(Map.of("DISCO_STORE", "sqlite:g.db", "DISCO_STORE_SYNC", "full")));
    }

    @Test
    void sqliteWithoutAFileStopsStartUpWithOneLine() {
        assertEquals(2, run("--store", "sqlite:"));
        assertEquals("disco-api: --store 'sqlite:': sqlite: needs a file, like sqlite:disco-data/groups.db "
                + "(see --help)" + System.lineSeparator(), err.toString());
    }

    @Test
    void aSyncOtherThanNormalOrFullStopsStartUpWithOneLine() {
        assertEquals(2, run("--store-sync", "off"));
        assertEquals("disco-api: Invalid value for option '--store-sync': 'off' is neither normal "
                + "nor full (see --help)" + System.lineSeparator(), err.toString());
    }

    @Test
    void memoryIsNamedByTheFlagOrTheEnvironment() {
        assertEquals(new StoreConfig.Memory(), parse(Map.of(), "--store", "memory"));
        assertEquals(new StoreConfig.Memory(), parse(Map.of("DISCO_STORE", "memory")));
    }

    @Test
    void anUnknownSchemeStopsStartUpWithOneLineNamingTheValue() {
        assertEquals(2, run("--store", "mongodb://db:27017"));
        assertEquals("disco-api: --store 'mongodb://db:27017': no such store (see --help)" + System.lineSeparator(),
                err.toString());
    }

    @Test
    void memoryTakesNoLocation() {
        assertEquals(2, run("--store", "memory:/tmp/x"));
        assertEquals("disco-api: --store 'memory:/tmp/x': memory takes no location (see --help)"
                + System.lineSeparator(), err.toString());
    }
}
