package io.disco.all.multihost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/multi-host/multi-host.sh as its README runs it: two disco-api.jar hosts on one
 * redis-server, disco-signal.jar and disco-turn.jar, each in a network namespace with its own
 * address, and {@link MultiHostClient} using them from another; and its fleet shape, two hosts of
 * each service, used by {@link FleetClient} and {@link FleetCallee}, then made to fail for {@link
 * FleetFailures}. Needs root and {@code ip netns}; without them the script says so and the test
 * is skipped, saying why.
 */
class MultiHostTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = REPO.resolve("deploy/multi-host/multi-host.sh");
    private static final long TIMEOUT_SECONDS = 240;
    /** The script's status for "this machine cannot run it", as automake's test drivers read it. */
    private static final int SKIPPED = 77;
    private static final String SKIP_LINE = "multi-host: skipped: ";
    private static final Pattern NAMESPACES =
            Pattern.compile("^multi-host: run \\w+: namespaces (\\S+)-\\*", Pattern.MULTILINE);
    private static final List<String> CHECKS = List.of("discovery", "relay udp", "relay tls", "signaling");
    private static final List<String> FLEET_CHECKS = List.of("discovery", "ice servers", "relay",
            "signaling across hosts", "relayed exchange", "drain");
    /** {@link FleetFailures}' checks, and how many times each line gives as {@code N ms (bound M ms)}. */
    private static final Map<String, Integer> FAILURE_CHECKS = Map.of("redis stopped", 3, "redis back", 1,
            "router killed", 2);
    private static final Pattern MEASURED = Pattern.compile("(\\d+) ms \\(bound (\\d+) ms");

    @Test
    void eachServiceOnItsOwnHostServesAClientOnAnother() throws Exception {
        checksPass(List.of(), CHECKS);
    }

    /**
     * {@code --fleet}: two hosts of every service, the routers and the relays on {@code --cluster},
     * a call from a client of one router to a client of the other, a datagram through the relays
     * the API hosts handed out, and a relay drained; then Redis stopped and started again, and a
     * router killed, each within the bounds its line names.
     */
    @Test
    void aFleetOfTwoHostsOfEachServiceServesClientsOnTwoMore() throws Exception {
        String output = checksPass(List.of("--fleet"), FLEET_CHECKS);
        for (String check : FAILURE_CHECKS.keySet()) {
            String line = output.lines().filter(l -> l.startsWith("PASS " + check + ": ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no PASS line for " + check + " in:\n" + output));
            Matcher measured = MEASURED.matcher(line);
            int times = 0;
            while (measured.find()) {
                times++;
                assertTrue(Long.parseLong(measured.group(1)) <= Long.parseLong(measured.group(2)),
                        "over its bound: " + measured.group() + " in " + line);
            }
            assertEquals(FAILURE_CHECKS.get(check), times, "times measured in " + line);
        }
    }

    /** Runs the script with {@code options} and the jars and returns its output; skipped where it says it cannot run. */
    private static String checksPass(List<String> options, List<String> checks) throws Exception {
        List<Path> jars = List.of(REPO.resolve("disco-api/target/disco-api.jar"),
                REPO.resolve("disco-signal/target/disco-signal.jar"), REPO.resolve("disco-turn/target/disco-turn.jar"));
        for (Path jar : jars) {
            assertTrue(Files.isRegularFile(jar), jar + " is missing: mvn install (or make build) packages it first");
        }
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("--api-jar", jars.get(0).toString(), "--signal-jar", jars.get(1).toString(),
                "--turn-jar", jars.get(2).toString(), "--client-classpath", System.getProperty("java.class.path")));
        Run run = runScript(args);
        if (run.status() == SKIPPED) {
            String why = run.output().lines().filter(line -> line.startsWith(SKIP_LINE)).findFirst()
                    .map(line -> line.substring(SKIP_LINE.length())).orElse(run.output());
            System.out.println("MultiHostTest skipped: " + why);
            Assumptions.assumeTrue(false, why);
        }
        assertEquals(0, run.status(), run.output());
        for (String check : checks) {
            assertTrue(run.output().contains("\nPASS " + check + ": "),
                    "no PASS line for " + check + " in:\n" + run.output());
        }
        Matcher namespaces = NAMESPACES.matcher(run.output());
        assertTrue(namespaces.find(), run.output());
        assertEquals(List.of(), namespacesNamed(namespaces.group(1)), "multi-host.sh left namespaces behind");
        System.out.print(run.output());
        return run.output();
    }

    /** How the script ended, and everything it and the programs it ran printed. */
    private record Run(int status, String output) {
    }

    /** Runs the script with this JVM's java; fails when it takes longer than {@link #TIMEOUT_SECONDS}. */
    private static Run runScript(List<String> args) throws IOException, InterruptedException {
        Path output = Files.createTempFile("multi-host", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString());
            builder.command().addAll(args);
            builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Process script = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!script.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                stop(script);
                fail("multi-host.sh did not finish within " + TIMEOUT_SECONDS + " s:\n" + Files.readString(output));
            }
            return new Run(script.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * SIGTERM first, so the script's trap stops the services and deletes its namespaces; only
     * when that does not finish are the script's processes killed.
     */
    private static void stop(Process script) throws InterruptedException {
        script.toHandle().destroy();
        if (!script.waitFor(30, TimeUnit.SECONDS)) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    private static List<String> namespacesNamed(String prefix) throws IOException, InterruptedException {
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String names = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(list.waitFor(10, TimeUnit.SECONDS), "ip netns list did not finish");
        return names.lines().filter(line -> line.startsWith(prefix + "-")).toList();
    }
}
