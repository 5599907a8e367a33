package io.disco.ops;

import io.disco.common.cli.AdminTokenOption;
import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.Converters;
import io.disco.common.cli.GoDuration;
import io.disco.common.json.DiscoJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drain}: asks a running disco process, through its metrics listener, to take no new work,
 * then waits until what it holds has ended or {@code --drain-timeout} has passed, so that a
 * supervisor may stop it next (systemd's {@code ExecStop}). Exit 0 once drained, 1 when the
 * time ran out or the process could not be reached.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Drain a running disco process: no new allocations or sessions, existing ones run to their end.")
public final class DrainCommand implements Callable<Integer> {

    /** How often the progress is asked for. */
    static final Duration POLL = Duration.ofSeconds(1);

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address of the process's metrics listener (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--metrics-port", paramLabel = "PORT", required = true, converter = Converters.Port.class,
            description = "Port of the process's metrics listener")
    int port;

    // The servers' own flag, so that drain reads the token from the unit's environment file as they do.
    @Mixin
    AdminTokenOption adminToken;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "5m0s",
            converter = Converters.PositiveDuration.class,
            description = "How long to wait for work in progress to end (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String token = adminToken.secret().orElse(null);
        URI drain = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/drain");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder post = HttpRequest.newBuilder(drain).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            post.header("Authorization", "Bearer " + token);
        }
        DrainState state = send(http, post.build(), 202);
        spec.commandLine().getOut().println("draining, still running: " + state.remaining());
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest progress = HttpRequest.newBuilder(drain).timeout(Duration.ofSeconds(10)).GET().build();
        while (!state.done()) {
            if (System.nanoTime() - deadline >= 0) {
                spec.commandLine().getErr().println("drain: after " + GoDuration.format(timeout) + " still running: "
                        + state.remaining());
                return CommandRunner.FAILURE;
            }
            Thread.sleep(POLL.toMillis());
            state = send(http, progress, 200);
        }
        spec.commandLine().getOut().println("drained");
        return 0;
    }

    private static DrainState send(HttpClient http, HttpRequest request, int expected) throws InterruptedException {
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri() + ": " + e, e);
        }
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + answer.statusCode()
                    + ": " + answer.body());
        }
        try {
            return DiscoJson.mapper().readValue(answer.body(), DrainState.class);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " answered what is not a drain's state: " + answer.body(), e);
        }
    }
}
