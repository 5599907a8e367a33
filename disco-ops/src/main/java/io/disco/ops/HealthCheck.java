package io.disco.ops;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One thing a load balancer or supervisor may ask about a process: a listener accepting, a store
 * reachable. Asked on the operators' listener's thread, so it answers from what the service
 * already knows, or within a bounded time.
 */
public interface HealthCheck {

    /** Short and stable, for the JSON body: {@code "api-listener"}, {@code "store"}. */
    String name();

    /** What is not well, in one line; empty when all is. */
    Optional<String> problem();

    static HealthCheck of(String name, Supplier<Optional<String>> problem) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> problem() {
                return problem.get();
            }
        };
    }
}
