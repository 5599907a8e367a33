package io.disco.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.ApiMain;
import io.disco.common.cli.EnvironmentDefaults;
import io.disco.common.cli.GoDuration;
import io.disco.signal.SignalMain;
import io.disco.turn.TurnMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * deploy/ as operators use it: each unit passes systemd's own check, and each environment file
 * names every flag of its program (set, or shown commented out), so none is left to be found.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"disco", "disco-api", "disco-signal", "disco-turn"})
    void eachUnitPassesSystemdAnalyzeVerify(String unit) throws Exception {
        Path output = Files.createTempFile("systemd-analyze", ".out");
        try {
            Process verify;
            try {
                verify = new ProcessBuilder("systemd-analyze", "verify", DEPLOY.resolve(unit + ".service").toString())
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("systemd-analyze is missing: install systemd (make test-tools)", e);
            }
            assertTrue(verify.waitFor(60, TimeUnit.SECONDS), "systemd-analyze did not finish");
            String said = Files.readString(output, StandardCharsets.UTF_8).strip();
            assertEquals(0, verify.exitValue(), said);
            assertEquals("", said, "systemd-analyze warned about " + unit + ".service");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * Where allocations or sessions outlive a request, stopping drains them first, and systemd
     * gives the drain its whole --drain-timeout: a shorter TimeoutStopSec would cut it short.
     */
    @ParameterizedTest
    @ValueSource(strings = {"disco", "disco-signal", "disco-turn"})
    void eachDrainingUnitDrainsOnStopWithinItsTimeout(String unit) throws IOException {
        String service = Files.readString(DEPLOY.resolve(unit + ".service"), StandardCharsets.UTF_8);
        assertTrue(Pattern.compile("(?m)^ExecStop=-/usr/bin/java .*-jar /opt/disco/" + unit + "\\.jar drain$")
                .matcher(service).find(), unit + ".service does not drain on stop");
        Duration stop = Duration.ofSeconds(Long.parseLong(setting(service, "TimeoutStopSec=(\\d+)$")));
        String environment = Files.readString(DEPLOY.resolve(unit + ".env"), StandardCharsets.UTF_8);
        Duration drain = GoDuration.parse(setting(environment, "DISCO_DRAIN_TIMEOUT=(\\S+)$"));
        assertTrue(stop.compareTo(drain.plusSeconds(10)) >= 0, unit + ".service stops after " + stop
                + ", which leaves the drain of " + drain + " no time for its JVM to start");
    }

    private static String setting(String file, String pattern) {
        Matcher matcher = Pattern.compile("(?m)^" + pattern).matcher(file);
        assertTrue(matcher.find(), "no line " + pattern);
        return matcher.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"disco", "disco-api", "disco-signal", "disco-turn"})
    void eachEnvironmentFileNamesEveryFlagOfItsProgram(String unit) throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve(unit + ".env"), StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("^#\\s*", "")).toList();
        Object program = switch (unit) {
            case "disco" -> new DiscoMain();
            case "disco-api" -> new ApiMain();
            case "disco-signal" -> new SignalMain();
            default -> new TurnMain();
        };
        for (OptionSpec option : new CommandLine(program).getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            boolean named = Arrays.stream(option.names()).map(EnvironmentDefaults::variableFor)
                    .anyMatch(variable -> lines.stream().anyMatch(line -> line.startsWith(variable + "=")));
            assertTrue(named, unit + ".env does not name " + option.longestName() + " ("
                    + EnvironmentDefaults.variableFor(option.longestName()) + ")");
        }
    }
}
