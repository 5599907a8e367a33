package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.EnvironmentDefaults;
import io.disco.common.net.Cidr;
import io.disco.common.testing.TestTls;
import io.disco.common.tls.TlsIdentity;
import io.disco.turn.allocation.Bandwidth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TurnOptionsTest {

    private static TurnConfig parse(String... args) {
        TurnOptions options = new TurnOptions();
        new CommandLine(options).parseArgs(args);
        return options.toConfig("main");
    }

    @Test
    void defaultsAreTheOriginalsPlusSafeAdditions() {
        TurnConfig config = parse();
        assertTrue(config.relay().advertisesArrivalAddress());
        assertEquals(3478, config.listeners().port());
        assertEquals("test", config.auth().username());
        assertEquals("test", config.auth().password());
        assertTrue(config.relay().bind().isAnyLocalAddress());
        assertEquals(49152, config.relay().minPort());
        assertEquals(65535, config.relay().maxPort());
        assertEquals(List.of(), config.auth().secrets());
        assertFalse(config.peers().allowLoopback());
        assertEquals(Duration.ofHours(1), config.limits().maxLifetime());
        assertEquals(10000, config.limits().maxAllocations());
        assertEquals(100, config.limits().maxAllocationsPerUser());
        assertEquals(5349, config.listeners().tlsPort());
        assertFalse(config.listeners().servesTls());
    }

    @Test
    void tlsIsServedWithTheIdentityGiven() {
        TurnOptions options = new TurnOptions();
        new CommandLine(options).parseArgs("--ice-tls-port", "15349");
        TlsIdentity identity = TestTls.identity();
        TurnConfig config = options.toConfig("main", identity);
        assertTrue(config.listeners().servesTls());
        assertEquals(identity, config.listeners().tlsIdentity());
        assertEquals(15349, config.listeners().tlsPort());
    }

    @Test
    void aCertificateGivenOnTheCommandLineOrInTheEnvironmentIsLoadedAtStartUp() {
        assertRefusedNaming("no-such-cert.pem", new String[] {"--cert-file", "no-such-cert.pem"}, Map.of());
        assertRefusedNaming("env-cert.pem", new String[0], Map.of("DISCO_CERT_FILE", "env-cert.pem"));
    }

    private static void assertRefusedNaming(String file, String[] args, Map<String, String> environment) {
        StringWriter err = new StringWriter();
        int exit = CommandRunner.run(new TurnMain(), args, environment, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(CommandRunner.USAGE, exit);
        assertTrue(err.toString().contains(file), err.toString());
    }

    @Test
    void registeredAppsNeedASecret() {
        TurnOptions options = new TurnOptions();
        new CommandLine(options).parseArgs("--max-allocations-per-app", "7");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> options.toConfig("main", TurnConfig.Apps.Mode.REGISTERED, null))
                .getMessage().startsWith("--apps registered needs --auth-secret"));
        new CommandLine(options).parseArgs("--max-allocations-per-app", "7", "--auth-secret", "s");
        TurnConfig config = options.toConfig("main", TurnConfig.Apps.Mode.REGISTERED, null);
        assertTrue(config.apps().registered());
        assertEquals(7, config.apps().maxAllocationsPerApp());
        assertEquals(new TurnConfig.Apps(TurnConfig.Apps.Mode.OPEN, 1000), parse().apps());
    }

    @Test
    void repeatableFlags() {
        TurnConfig config = parse("--address", "203.0.113.1", "--auth-secret", "new", "--auth-secret=old",
                "--allow-peer", "10.1.0.0/16", "--deny-peer", "10.0.0.0/8", "--deny-peer", "192.168.0.0/16",
                "--allow-loopback-peers", "--max-lifetime", "30m0s", "--min-port", "40000", "--max-port", "40100");
        assertFalse(config.relay().advertisesArrivalAddress());
        assertEquals("203.0.113.1", config.relay().address().getHostAddress());
        assertEquals(List.of("new", "old"), config.auth().secrets());
        assertEquals(List.of(Cidr.parse("10.1.0.0/16")), config.peers().allow());
        assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.0.0/16")), config.peers().deny());
        assertTrue(config.peers().allowLoopback());
        assertEquals(Duration.ofMinutes(30), config.limits().maxLifetime());
        assertEquals(40000, config.relay().minPort());
        assertEquals(40100, config.relay().maxPort());
    }

    @Test
    void listsComeCommaSeparatedFromTheEnvironmentAsFromTheCommandLine() {
        TurnOptions options = new TurnOptions();
        new CommandLine(options).setDefaultValueProvider(new EnvironmentDefaults(Map.of(
                "DISCO_DENY_PEER", "10.0.0.0/8,192.168.0.0/16", "DISCO_AUTH_SECRET", "new,old")))
                .parseArgs("--allow-peer", "10.1.0.0/16,10.2.0.0/16");
        TurnConfig config = options.toConfig("main");
        assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.0.0/16")), config.peers().deny());
        assertEquals(List.of(Cidr.parse("10.1.0.0/16"), Cidr.parse("10.2.0.0/16")), config.peers().allow());
        assertEquals(List.of("new", "old"), config.auth().secrets());
    }

    @Test
    void bandwidthIsUnlimitedUnlessASizePerSecondIsGiven() {
        assertEquals(Bandwidth.UNLIMITED, parse().limits().maxBandwidth());
        assertEquals(new Bandwidth(2 << 20), parse("--max-bandwidth", "2MiB").limits().maxBandwidth());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--max-bandwidth", "fast"));
    }

    @Test
    void theAlternateServerIsAnAddressAndPort() throws Exception {
        assertEquals(TurnConfig.Draining.REFUSE, parse().draining());
        assertEquals(Optional.of(new InetSocketAddress("203.0.113.11", 3478)),
                parse("--alternate-server", "203.0.113.11:3478").draining().alternateServer());
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 3479)),
                parse("--alternate-server", "[2001:db8::1]:3479").draining().alternateServer());
        for (String wrong : List.of("203.0.113.11", "turn.example.com:3478", "2001:db8::1:3478", "203.0.113.11:0",
                ":3478", "203.0.113.11:70000")) {
            assertThrows(CommandLine.ParameterException.class, () -> parse("--alternate-server", wrong), wrong);
        }
    }

    @Test
    void wrongValuesNameTheirFlag() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("--address", "turn.example.com"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--deny-peer", "10.0.0.0/40"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--min-port", "6000", "--max-port", "5000"))
                .getMessage().contains("--min-port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--max-allocations", "0"))
                .getMessage().startsWith("--max-allocations "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--auth-secret", ""))
                .getMessage().startsWith("--auth-secret"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--ice-username", ""))
                .getMessage().startsWith("--ice-username"));
    }
}
