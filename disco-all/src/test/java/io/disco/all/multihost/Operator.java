package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.require;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * multi-host.sh as the fleet's operator, seen from the client host: it stops and starts Redis and
 * kills a router when the client says {@code Ready for: ACTION}, then writes the moment the action
 * was done, in milliseconds since the epoch, into the file named ACTION in a directory both see.
 * The client measures from that moment, which the machine's one clock makes comparable.
 */
final class Operator {

    private final Path actions;

    Operator(Path actions) {
        this.actions = actions;
    }

    /** Asks for {@code action} and returns when it was done; fails when it is not done {@code within}. */
    Instant await(String action, Duration within) throws Exception {
        System.out.println("Ready for: " + action);
        Path done = actions.resolve(action);
        Instant deadline = Instant.now().plus(within);
        while (!Files.exists(done)) {
            require(Instant.now().isBefore(deadline), () -> "the script did not " + action + " within " + within);
            Thread.sleep(20);
        }
        return Instant.ofEpochMilli(Long.parseLong(Files.readString(done, StandardCharsets.UTF_8).trim()));
    }
}
