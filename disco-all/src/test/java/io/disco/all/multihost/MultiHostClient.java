package io.disco.all.multihost;

import java.util.function.Supplier;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The client host of deploy/multi-host/multi-host.sh. From its own network namespace it does what
 * a Babble node does with a disco deployment, at the addresses the script gives it and trusting
 * only the deployment's CA: advertises a group, allocates a relay, and swaps an offer naming that
 * relay for an answer through the signaling router. One line per check, {@code PASS name: what}
 * or {@code FAIL name: why}; exit status 0 when every check passed, 1 at the first that did not.
 */
public final class MultiHostClient {

    private MultiHostClient() {
    }

    /** A check that returns what it saw, or throws what went wrong. */
    interface Check {
        String run() throws Exception;
    }

    public static void main(String[] args) {
        // ice4j logs its configuration through java.util.logging; the test's logback set-up keeps warnings only.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Deployment deployment = Deployment.parse(args);
        RelayCheck relay = new RelayCheck(deployment);
        boolean passed = passes("discovery", () -> new DiscoveryCheck(deployment.ca(), deployment.self(), deployment.api(),
                        deployment.secondApi()).run())
                && passes("relay udp", relay::overUdp)
                && passes("relay tls", relay::overTls)
                && passes("signaling", () -> new SignalingCheck(deployment, relay.relayed()).run());
        // A check that failed half-way may have left a client's threads running: they must not keep the JVM up.
        System.exit(passed ? 0 : 1);
    }

    static boolean passes(String name, Check check) {
        try {
            System.out.println("PASS " + name + ": " + check.run());
            return true;
        } catch (AssertionError e) {
            System.out.println("FAIL " + name + ": " + e.getMessage());
            return false;
        } catch (Exception e) {
            System.out.println("FAIL " + name + ": " + e);
            e.printStackTrace();
            return false;
        }
    }

    static void require(boolean condition, Supplier<String> failure) {
        if (!condition) {
            throw new AssertionError(failure.get());
        }
    }
}
