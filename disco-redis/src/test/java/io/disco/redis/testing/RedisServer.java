package io.disco.redis.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's package; {@code make test-tools} installs it) for tests:
 * its own port on loopback, its own directory and configuration file, in the foreground as a child
 * of the test JVM, never a system service.
 *
 * <p>AOF is on with {@code appendfsync everysec}: Redis writes each command to the AOF file before
 * it answers it, so whatever a client saw acknowledged survives a stop or a SIGKILL of the server;
 * {@code always} would add an fsync per write, which guards only against losing the machine, not
 * the process, and no test here loses the machine.
 *
 * <p>{@link #stop()} and {@link #start()} again keep the port and the directory, so a restarted
 * server replays the same AOF where the clients left it.
 */
public final class RedisServer implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 20;

    private final Path dir;
    private final int port;
    private final Tls tls;
    private Process process;

    /** Certificate, key and CA, all PEM: the server then speaks TLS only. */
    public record Tls(Path certFile, Path keyFile, Path caFile) {
    }

    private RedisServer(Path dir, int port, Tls tls) {
        this.dir = dir;
        this.port = port;
        this.tls = tls;
    }

    /** A started server on plain TCP. */
    public static RedisServer start(String name) throws IOException, InterruptedException {
        return started(name, null);
    }

    /** A started server that speaks TLS only. */
    public static RedisServer startTls(String name, Tls tls) throws IOException, InterruptedException {
        return started(name, tls);
    }

    private static RedisServer started(String name, Tls tls) throws IOException, InterruptedException {
        RedisServer server = new RedisServer(Files.createTempDirectory("redis-" + name + "-"), freePort(), tls);
        try {
            server.start();
        } catch (IOException | RuntimeException | InterruptedException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}, or {@code rediss://localhost:PORT} (the test certificate's name) with TLS. */
    public String uri() {
        return tls == null ? "redis://127.0.0.1:" + port : "rediss://localhost:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** Starts the server (again), on the same port with the same directory; returns once it accepts connections. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is running");
        }
        Path config = dir.resolve("redis.conf");
        Files.write(config, configuration(), StandardCharsets.UTF_8);
        Path log = dir.resolve("redis.log");
        long logged = Files.exists(log) ? Files.size(log) : 0;
        try {
            process = new ProcessBuilder("redis-server", config.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IOException("redis-server is missing: install it (make test-tools)", e);
        }
        awaitReady(log, logged);
    }

    /** SIGTERM, as an operator stops it; Redis flushes its AOF and exits. */
    public synchronized void stop() throws InterruptedException {
        end(false);
    }

    /** SIGKILL: the server has no chance to flush anything. */
    public synchronized void kill() throws InterruptedException {
        end(true);
    }

    /** SIGSTOP: the server keeps its connections open but answers nothing, as a hung server. */
    public synchronized void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}: the server answers what it was sent meanwhile. */
    public synchronized void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public synchronized void close() throws InterruptedException {
        end(false);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is no reason to fail a test.
        }
    }

    private void end(boolean kill) throws InterruptedException {
        if (process == null) {
            return;
        }
        if (kill) {
            process.destroyForcibly();
        } else {
            thawQuietly();
            process.destroy();
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** A frozen server would act on SIGTERM only once thawed. */
    private void thawQuietly() throws InterruptedException {
        try {
            if (process.isAlive()) {
                signal("CONT");
            }
        } catch (IOException e) {
            // It exited meanwhile: nothing to thaw.
        }
    }

    private List<String> configuration() {
        List<String> lines = new ArrayList<>(List.of(
                "bind 127.0.0.1",
                "daemonize no",
                "dir " + dir,
                "logfile " + dir.resolve("redis.log"),
                "appendonly yes",
                "appendfsync everysec",
                "save \"\""));
        if (tls == null) {
            lines.add("port " + port);
        } else {
            lines.addAll(List.of(
                    "port 0",
                    "tls-port " + port,
                    "tls-cert-file " + tls.certFile(),
                    "tls-key-file " + tls.keyFile(),
                    "tls-ca-cert-file " + tls.caFile(),
                    "tls-auth-clients no"));
        }
        return lines;
    }

    /** Until the log, past what earlier runs wrote, says the server is ready. */
    private void awaitReady(Path log, long skip) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                byte[] bytes = Files.readAllBytes(log);
                String since = new String(bytes, (int) Math.min(skip, bytes.length),
                        (int) Math.max(0, bytes.length - skip), StandardCharsets.UTF_8);
                if (since.contains("Ready to accept connections")) {
                    return;
                }
            }
            if (!process.isAlive()) {
                throw new IOException("redis-server on port " + port + " exited with " + process.exitValue() + ":\n"
                        + output(log));
            }
            Thread.sleep(20);
        }
        throw new IOException("redis-server on port " + port + " not ready within " + START_TIMEOUT_SECONDS + " s:\n"
                + output(log));
    }

    private String output(Path log) throws IOException {
        Path out = dir.resolve("redis.out");
        return (Files.exists(log) ? Files.readString(log) : "")
                + (Files.exists(out) ? Files.readString(out) : "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
