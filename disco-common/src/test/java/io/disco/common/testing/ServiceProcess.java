package io.disco.common.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A disco program run as an operator runs it: its main class in a JVM of its own, with the
 * production logging configuration (whose INFO lines tests read, e.g. the port a service took),
 * stopped with SIGTERM. Its output is read line by line as it comes.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Thread reader;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    /** Lines read that no pattern matched yet. */
    private final List<String> unmatched = new ArrayList<>();

    private ServiceProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readLines, "service-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mainClass} with this JVM's class path and the services' {@code /logback.xml}
     * from it (disco-logging's), or where the class path has none (disco-common's tests), logback's
     * usual test configuration.
     */
    public static ServiceProcess start(Class<?> mainClass, String... args) throws Exception {
        return startIn(Path.of("").toAbsolutePath(), mainClass, args);
    }

    /** As {@link #start}, in working directory {@code dir}, where relative paths of its flags lead. */
    public static ServiceProcess startIn(Path dir, Class<?> mainClass, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        URL logging = mainClass.getResource("/logback.xml");
        if (logging != null) {
            // A URL, since the configuration is usually inside disco-logging's jar.
            command.add("-Dlogback.configurationFile=" + logging);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return new ServiceProcess(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start());
    }

    /**
     * Waits up to a minute for an output line matching {@code pattern}, and returns its match. Lines
     * read while waiting for another pattern count too, each matched once, so that a test need not
     * know in which order a process's services announce themselves.
     */
    public Matcher awaitLine(Pattern pattern) throws InterruptedException {
        for (Iterator<String> passed = unmatched.iterator(); passed.hasNext(); ) {
            Matcher matcher = pattern.matcher(passed.next());
            if (matcher.find()) {
                passed.remove();
                return matcher;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
            unmatched.add(line);
        }
        throw new AssertionError("no line matching " + pattern + " in:\n" + output());
    }

    /** The lines read so far by {@link #awaitLine}. */
    public String output() {
        return String.join("\n", seen);
    }

    /** SIGTERM (through the process handle: Process.destroy() would also close our end of its output). */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: the process ends at once, with no shutdown hook and nothing flushed. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
    }

    public boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        terminate();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(5_000);
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output ended: " + e + ")");
        }
    }
}
