package io.disco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.store.StoreConfig;
import io.disco.api.store.sqlite.StoreSync;
import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.EnvironmentDefaults;
import io.disco.common.testing.TestTls;
import io.disco.redis.RedisLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    // --- Redis

    private static RedisLocation redis(Map<String, String> env, String... args) {
        return ((StoreConfig.Redis) parse(env, args)).location();
    }

    @Test
    void redisTakesUserPasswordHostPortAndDatabaseWithThePrefixAndTimeoutDefaults() {
        RedisLocation redis = redis(Map.of(), "--store", "redis://disco:secret@db.example:6380/3");
        assertEquals("db.example", redis.uri().getHost());
        assertEquals(6380, redis.uri().getPort());
        assertEquals(3, redis.uri().getDatabase());
        assertEquals("disco", redis.uri().getCredentialsProvider().resolveCredentials().block().getUsername());
        assertEquals(false, redis.uri().isSsl());
        assertEquals("disco:", redis.prefix());
        assertEquals(Duration.ofSeconds(2), redis.timeout());
        assertEquals(Optional.empty(), redis.caFile());
    }

    @Test
    void theEnvironmentNamesTheStoreThePrefixAndTheTimeout() {
        RedisLocation redis = redis(Map.of("DISCO_STORE", "redis://127.0.0.1:6379", "DISCO_REDIS_PREFIX", "eu:",
                "DISCO_STORE_TIMEOUT", "500ms"));
        assertEquals("eu:", redis.prefix());
        assertEquals(Duration.ofMillis(500), redis.timeout());
    }

    @Test
    void redissIsTlsAndMayTrustACaFile() {
        RedisLocation redis = redis(Map.of(), "--store", "rediss://localhost:6380",
                "--redis-ca-file", TestTls.certFile().toString());
        assertTrue(redis.uri().isSsl());
        assertEquals(Optional.of(TestTls.certFile()), redis.caFile());
    }

    @Test
    void sentinelNamesItsSentinelsAndTheMaster() {
        RedisLocation redis = redis(Map.of(), "--store", "redis-sentinel://s1:26379,s2:26380/2#disco");
        assertEquals("disco", redis.uri().getSentinelMasterId());
        assertEquals(List.of("s1:26379", "s2:26380"),
                redis.uri().getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort()).toList());
        assertEquals(2, redis.uri().getDatabase());
    }

    @Test
    void aMalformedRedisValueStopsStartUpWithOneLineNamingIt() {
        assertUsage("disco-api: --store 'redis://db:port': needs HOST[:PORT] (see --help)",
                "--store", "redis://db:port");
        // The line names the value, but not its password.
        assertUsage("disco-api: --store 'redis://***@db:port': needs HOST[:PORT] (see --help)",
                "--store", "redis://disco:secret@db:port");
        assertUsage("disco-api: --store 'redis-sentinel://s1:26379': not a Redis URI "
                + "(URI must contain the sentinelMasterId) (see --help)", "--store", "redis-sentinel://s1:26379");
        assertUsage("disco-api: --redis-ca-file is for rediss:// only (see --help)",
                "--store", "redis://db:6379", "--redis-ca-file", TestTls.certFile().toString());
        assertUsage("disco-api: --redis-ca-file /nonexistent/ca.pem: no such file (see --help)",
                "--store", "rediss://db:6379", "--redis-ca-file", "/nonexistent/ca.pem");
    }

    @Test
    void aRedisOutOfReachStopsStartUpWithOneLine() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertEquals(1, run("--store", "redis://127.0.0.1:" + closed, "--store-timeout", "1s", "--disco-port", "0"));
        String said = err.toString();
        assertTrue(said.startsWith("disco-api: cannot start: cannot reach Redis at redis://127.0.0.1:" + closed + ": "),
                said);
        assertEquals(1, said.lines().count(), said);
    }

    private void assertUsage(String line, String... args) {
        err.getBuffer().setLength(0);
        assertEquals(2, run(args), err.toString());
        assertEquals(line + System.lineSeparator(), err.toString());
    }
}
