package io.disco.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.disco.common.testing.TestTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A script of src/test/node run under node, trusting the test certificate: Autobahn|JS, the
 * client browsers and node peers use, against a router. The npm packages are installed from the
 * lock file on first use.
 */
public final class NodeScript implements AutoCloseable {

    private static final Path NODE_PROJECT = Path.of("src", "test", "node").toAbsolutePath();

    private final Process process;
    private final BufferedReader output;
    private final StringBuilder seen = new StringBuilder();

    private NodeScript(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Installs Autobahn|JS unless it is there; node and npm must be installed ({@code make test-tools}). */
    public static void install() throws Exception {
        if (!Files.isDirectory(NODE_PROJECT.resolve("node_modules").resolve("autobahn"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(NODE_PROJECT.toFile()).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(npm.waitFor(5, TimeUnit.MINUTES), "npm ci did not finish");
            assertEquals(0, npm.exitValue(), "npm ci failed (node and npm must be installed):\n" + output);
        }
    }

    public static NodeScript start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        ProcessBuilder node = new ProcessBuilder(command).directory(NODE_PROJECT.toFile()).redirectErrorStream(true);
        node.environment().put("NODE_EXTRA_CA_CERTS", TestTls.certFile().toString());
        return new NodeScript(node.start());
    }

    /** Runs {@code script} to its end, and returns its output once it exited 0. */
    public static String run(String script, String... args) throws Exception {
        try (NodeScript node = start(script, args)) {
            return node.finish();
        }
    }

    /** Reads the output until a line holding {@code text}. */
    public void awaitLine(String text) throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            seen.append(line).append('\n');
            if (line.contains(text)) {
                return;
            }
        }
        fail("node ended before printing '" + text + "':\n" + seen);
    }

    /** Reads the rest of the output, and returns it all once the script exited 0. */
    public String finish() throws Exception {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            seen.append(line).append('\n');
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "node did not finish:\n" + seen);
        assertEquals(0, process.exitValue(), seen.toString());
        return seen.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
