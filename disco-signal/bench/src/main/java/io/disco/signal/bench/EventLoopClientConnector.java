package io.disco.signal.bench;

import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.SelectorManager;

/**
 * Runs what its selectors select on the selecting thread, as disco's router does with its own
 * connector: Jetty hands each readable websocket to another thread otherwise, and that
 * handoff made the driver, not the router, the limit of the saturate mode (the driver took
 * 80-170 us of CPU per call, varying run to run). A driver that keeps its core busy leaves the
 * router idling between wake-ups, and a router's CPU per call then counts the wake-ups.
 */
final class EventLoopClientConnector extends ClientConnector {

    @Override
    protected SelectorManager newSelectorManager() {
        return new ClientSelectorManager(getExecutor(), getScheduler(), getSelectors()) {
            @Override
            public Executor getExecutor() {
                return Runnable::run;
            }
        };
    }
}
