package io.disco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.apps.AppsConfig;
import io.disco.api.cors.WebOrigin;
import io.disco.api.group.GroupQuota;
import io.disco.api.ice.IceConfig;
import io.disco.api.throttle.WriteLimit;
import io.disco.api.throttle.WriteRate;
import io.disco.api.store.StoreConfig;
import io.disco.api.store.sqlite.StoreSync;
import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.EnvironmentDefaults;
import io.disco.common.ice.IceUrl;
import io.disco.common.net.Cidr;
import io.disco.common.testing.TestTls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ApiMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return CommandRunner.run(new ApiMain(), args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static ApiConfig parse(Map<String, String> env, String... args) {
        ApiMain main = new ApiMain();
        CommandLine line = new CommandLine(main);
        line.setDefaultValueProvider(new EnvironmentDefaults(env));
        line.parseArgs(args);
        return main.api.toConfig(TestTls.identity(), main.apps, main.authSecrets);
    }

    @Test
    void appsAreOpenWithoutAnAdminApiByDefault() {
        AppsConfig apps = parse(Map.of()).apps();
        assertEquals(AppsConfig.Mode.OPEN, apps.mode());
        assertTrue(apps.adminToken().isEmpty());
        assertEquals(Duration.ofHours(24), apps.keyGrace());
    }

    @Test
    void takesTheAppsModeAndTheAdminTokenFromAFileOrTheEnvironment(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("admin-token"), "  the-token\n");
        AppsConfig apps = parse(Map.of("DISCO_ADMIN_TOKEN_FILE", token.toString(), "DISCO_KEY_GRACE", "2h"),
                "--apps", "registered").apps();
        assertEquals(AppsConfig.Mode.REGISTERED, apps.mode());
        assertTrue(apps.adminToken().orElseThrow().matches("the-token"));
        assertFalse(apps.adminToken().orElseThrow().matches("the-token\n"));
        assertEquals(Duration.ofHours(2), apps.keyGrace());
        assertEquals(AppsConfig.Mode.REGISTERED, parse(Map.of("DISCO_APPS", "registered",
                "DISCO_ADMIN_TOKEN_FILE", token.toString())).apps().mode());
    }

    @Test
    void registeredModeWithoutAnAdminTokenStopsWithOneLine() {
        assertEquals(2, run(Map.of(), "--apps", "registered", "--cert-file", TestTls.certFile().toString(),
                "--key-file", TestTls.keyFile().toString()));
        assertOneLine("disco-api: --apps registered needs --admin-token-file: without the admin API no application "
                + "could be registered (see --help)");
    }

    @Test
    void anAdminTokenFileMissingOrEmptyStopsWithOneLine(@TempDir Path dir) throws Exception {
        String[] tls = {"--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString()};
        Path missing = dir.resolve("missing");
        assertEquals(2, run(Map.of(), concat(tls, "--admin-token-file", missing.toString())));
        assertOneLine("disco-api: --admin-token-file " + missing + ": no such file (see --help)");

        err.getBuffer().setLength(0);
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        assertEquals(2, run(Map.of(), concat(tls, "--admin-token-file", empty.toString())));
        assertOneLine("disco-api: --admin-token-file " + empty + " is empty (see --help)");

        err.getBuffer().setLength(0);
        assertEquals(2, run(Map.of(), concat(tls, "--admin-token-file", dir.toString())));
        assertTrue(err.toString().startsWith("disco-api: --admin-token-file " + dir + " cannot be read"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void anUnknownAppsModeIsAWrongValue() {
        assertEquals(2, run(Map.of(), "--apps", "closed"));
        assertOneLine("disco-api: Invalid value for option '--apps': 'closed' is not open or registered (see --help)");
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    @Test
    void defaultsAreTheOriginals() {
        ApiConfig config = parse(Map.of());
        assertEquals(1443, config.port());
        assertEquals("0.0.0.0", config.host());
        assertEquals(Duration.ofMinutes(5), config.ttl().defaultTtl());
        assertEquals(Duration.ofMinutes(1), config.sweepInterval());
        assertEquals(1 << 20, config.maxBodyBytes());
        assertEquals(new StoreConfig.Sqlite(Path.of("disco-data/groups.db"), StoreSync.NORMAL), config.store());
        assertEquals(new GroupQuota(100_000, 10_000), config.quota());
        assertEquals(new WriteLimit(WriteRate.parse("20/s"), 100, List.of()), config.writes());
    }

    @Test
    void takesTheWriteLimitAndItsTrustedProxies() {
        WriteLimit writes = parse(Map.of("DISCO_TRUSTED_PROXY", "10.0.0.0/8,192.168.1.1"), "--write-rate", "600/m",
                "--write-burst", "10").writes();
        assertEquals(new WriteLimit(WriteRate.parse("600/m"), 10, List.of(Cidr.parse("10.0.0.0/8"),
                Cidr.parse("192.168.1.1"))), writes);
        assertTrue(parse(Map.of(), "--write-rate", "0").writes().rate().unlimited());
        assertEquals(2, run(Map.of(), "--write-rate", "20"));
        assertOneLine("disco-api: Invalid value for option '--write-rate': '20' is not a write rate (write it "
                + "like 20/s, 600/m or 3600/h, or 0 for none) (see --help)");
    }

    @Test
    void aBurstTooBigToRefillStopsStartUpWithOneLine() {
        assertEquals(2, run(Map.of(), "--write-rate", "1/h", "--write-burst", "2147483647", "--cert-file",
                TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString()));
        assertOneLine("disco-api: --write-burst 2147483647 at --write-rate 1/h would take centuries to refill "
                + "(see --help)");
    }

    @Test
    void takesTheGroupQuotaAndRefusesAQuotaOfNothing() {
        assertEquals(new GroupQuota(500, 50), parse(Map.of("DISCO_MAX_GROUPS_PER_APP", "50"), "--max-groups", "500")
                .quota());
        assertEquals(2, run(Map.of(), "--max-groups-per-app", "0", "--cert-file", TestTls.certFile().toString(),
                "--key-file", TestTls.keyFile().toString()));
        assertOneLine("disco-api: --max-groups-per-app must be at least 1 (see --help)");
    }

    @Test
    void takesBothFlagFormsAndGoDurations() {
        ApiConfig config = parse(Map.of(), "--disco-port", "9443", "--ttl=1h30m", "--ttl-hearbeat", "300ms",
                "--max-body-size=64KiB", "--min-ttl", "1s", "--max-ttl", "2h");
        assertEquals(9443, config.port());
        assertEquals(Duration.ofMinutes(90), config.ttl().defaultTtl());
        assertEquals(Duration.ofMillis(300), config.sweepInterval());
        assertEquals(65536, config.maxBodyBytes());
        assertEquals(Duration.ofHours(2), config.ttl().maxTtl());
    }

    @Test
    void acceptsTheCorrectlySpelledHeartbeatToo() {
        assertEquals(Duration.ofSeconds(90), parse(Map.of(), "--ttl-heartbeat", "90s").sweepInterval());
    }

    @Test
    void readsFlagsFromTheEnvironmentBelowTheCommandLine() {
        Map<String, String> env = Map.of("DISCO_TTL", "90s", "DISCO_DISCO_PORT", "8443",
                "DISCO_TTL_HEARBEAT", "10s");
        ApiConfig fromEnv = parse(env);
        assertEquals(Duration.ofSeconds(90), fromEnv.ttl().defaultTtl());
        assertEquals(8443, fromEnv.port());
        assertEquals(Duration.ofSeconds(10), fromEnv.sweepInterval());
        assertEquals(Duration.ofMinutes(2), parse(env, "--ttl", "2m").ttl().defaultTtl());
        assertEquals(Duration.ofSeconds(7), parse(Map.of("DISCO_TTL_HEARTBEAT", "7s")).sweepInterval());
    }

    @Test
    void corsIsOffByDefaultAndTakesRepeatedOrCommaSeparatedOrigins() {
        assertEquals(List.of(), parse(Map.of()).corsOrigins());
        assertEquals(List.of(WebOrigin.parse("https://app.example.com"), WebOrigin.parse("http://127.0.0.1:8080"),
                        WebOrigin.ANY),
                parse(Map.of(), "--cors-origin", "https://app.example.com,http://127.0.0.1:8080", "--cors-origin", "*")
                        .corsOrigins());
        assertEquals(List.of(WebOrigin.parse("https://a.example")),
                parse(Map.of("DISCO_CORS_ORIGIN", "https://a.example")).corsOrigins());
    }

    @Test
    void iceServersAreNoneByDefaultAndTakeRepeatedOrCommaSeparatedUrlsSecretsAndATtl() {
        IceConfig none = parse(Map.of()).ice();
        assertEquals(List.of(), none.urls());
        assertEquals(List.of(), none.secrets());
        assertEquals(Duration.ofHours(24), none.ttl());

        IceConfig ice = parse(Map.of("DISCO_AUTH_SECRET", "new,old"), "--ice-url",
                "stun:relay.example.org,turn:relay.example.org:3478?transport=udp", "--ice-url",
                "turns:relay.example.org:5349?transport=tcp", "--ice-ttl", "1h30m").ice();
        assertEquals(List.of(IceUrl.parse("stun:relay.example.org"),
                IceUrl.parse("turn:relay.example.org:3478?transport=udp"),
                IceUrl.parse("turns:relay.example.org:5349?transport=tcp")), ice.urls());
        assertEquals(List.of("new", "old"), ice.secrets());
        assertEquals("new", ice.signingSecret().orElseThrow());
        assertEquals(Duration.ofMinutes(90), ice.ttl());
    }

    @Test
    void aMalformedIceUrlStopsWithOneLineNamingIt() {
        assertEquals(2, run(Map.of(), "--ice-url", "turn:relay.example.org:3478", "--ice-url",
                "turn:relay.example.org?transport=sctp"));
        assertOneLine("disco-api: Invalid value for option '--ice-url' (URL): 'turn:relay.example.org?transport=sctp' "
                + "may end only in ?transport=udp or ?transport=tcp, and only a turn: or turns: URL (see --help)");
    }

    @Test
    void anIceTtlBelowASecondStopsWithOneLine() {
        assertEquals(2, run(Map.of(), "--ice-ttl", "500ms",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString()));
        assertOneLine("disco-api: --ice-ttl must be at least 1s: credentials expire in whole seconds (see --help)");
    }

    @Test
    void anOriginWithAPathStopsWithOneLine() {
        assertEquals(2, run(Map.of(), "--cors-origin", "https://app.example.com/"));
        assertOneLine("disco-api: Invalid value for option '--cors-origin' (ORIGIN): 'https://app.example.com/' is not "
                + "a web origin (write it as scheme://host[:port] with no path, like https://app.example.com, or *) "
                + "(see --help)");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        assertEquals(0, run(Map.of(), "--help"));
        String help = out.toString();
        for (String flag : new String[] {"--disco-port", "--ttl", "--ttl-hearbeat", "--ttl-heartbeat", "--min-ttl",
                "--max-ttl", "--max-body-size", "--max-peers", "--cors-origin", "--ice-url", "--auth-secret", "--ice-ttl",
                "--cert-file", "--key-file", "--version", "--cluster", "--cluster-heartbeat"}) {
            assertTrue(help.contains(flag), flag + " missing from\n" + help);
        }
        assertTrue(help.contains("(default: 5m0s)") && help.contains("(default: 1m0s)")
                && help.contains("(default: 1443)") && help.contains("(default: cert.pem)"), help);
    }

    @Test
    void aClusterOnAnythingButRedisIsRefusedWithOneLine() {
        assertEquals(2, run(Map.of(), "--cluster", "sqlite:relays.db", "--cert-file", TestTls.certFile().toString(),
                "--key-file", TestTls.keyFile().toString()));
        assertOneLine("disco-api: --cluster 'sqlite:relays.db': nodes meet in a Redis: redis://,"
                + " rediss:// or redis-sentinel:// (see --help)");
    }

    @Test
    void aWrongValueStopsWithOneLineNamingTheFlag() {
        assertEquals(2, run(Map.of(), "--ttl", "5x"));
        assertOneLine("disco-api: Invalid value for option '--ttl': '5x' is not a duration (write it like 90s, "
                + "5m0s or 1h30m) (see --help)");
    }

    @Test
    void aZeroDurationIsAWrongValue() {
        assertEquals(2, run(Map.of(), "--ttl-hearbeat", "0s"));
        // picocli names an option by its longest name, here the correctly spelled alias.
        assertOneLine("disco-api: Invalid value for option '--ttl-heartbeat': '0s' must be a positive duration "
                + "(see --help)");
    }

    @Test
    void aWrongEnvironmentValueIsReportedToo() {
        assertEquals(2, run(Map.of("DISCO_DISCO_PORT", "70000")));
        assertTrue(err.toString().contains("'70000' is not a port number"), err.toString());
    }

    @Test
    void anUnknownFlagStopsWithOneLine() {
        assertEquals(2, run(Map.of(), "--tll", "5m"));
        assertTrue(err.toString().startsWith("disco-api: Unknown option"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void boundsThatDoNotFitAreAWrongValue() {
        assertEquals(2, run(Map.of(), "--min-ttl", "2h", "--max-ttl", "1h",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString()));
        assertOneLine("disco-api: --min-ttl (2h0m0s) is greater than --max-ttl (1h0m0s) (see --help)");
    }

    @Test
    void aMissingCertificateStopsWithOneLineNamingTheFile() {
        assertEquals(2, run(Map.of(), "--cert-file", "/nonexistent/cert.pem"));
        assertOneLine("disco-api: certificate file /nonexistent/cert.pem does not exist");
    }

    @Test
    void aPortInUseStopsWithOneLineNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertEquals(1, run(Map.of(), "--store", "memory", "--disco-host", "127.0.0.1", "--disco-port",
                    String.valueOf(port),
                    "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString()));
            assertOneLine("disco-api: cannot start: discovery API cannot listen on tcp/" + port
                    + " (127.0.0.1): Address already in use");
        }
    }

    private void assertOneLine(String expected) {
        assertEquals(expected + System.lineSeparator(), err.toString());
    }
}
