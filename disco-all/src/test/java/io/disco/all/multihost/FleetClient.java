package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.passes;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The calling client host of multi-host.sh's fleet shape ({@code --fleet}): a group found through
 * the other API host, ICE servers from the fleet, a call across the two signaling hosts to
 * {@link FleetCallee} and a datagram through both relays, then a TURN host drained. One line per
 * check as {@link MultiHostClient} prints them; exit status 0 when every check passed, 1 at the
 * first that did not.
 */
public final class FleetClient {

    private FleetClient() {
    }

    public static void main(String[] args) {
        // ice4j logs its configuration through java.util.logging; the test's logback set-up keeps warnings only.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        FleetDeployment fleet = FleetDeployment.parse(args);
        boolean passed;
        try (FleetCaller caller = new FleetCaller(fleet)) {
            passed = passes("discovery", () -> new DiscoveryCheck(fleet.ca(), fleet.self(), fleet.api(),
                            fleet.secondApi()).run())
                    && passes("ice servers", caller::iceServers)
                    && passes("relay", caller::relay)
                    && passes("signaling across hosts", caller::signal)
                    && passes("relayed exchange", caller::exchange)
                    && passes("drain", () -> new DrainCheck(fleet).run(caller.offered()));
        } catch (Exception e) {
            System.out.println("the caller did not leave cleanly: " + e);
            passed = false;
        }
        // A check that failed half-way may have left a client's threads running: they must not keep the JVM up.
        System.exit(passed ? 0 : 1);
    }
}
