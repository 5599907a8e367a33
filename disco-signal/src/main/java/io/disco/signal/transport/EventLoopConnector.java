package io.disco.signal.transport;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A connector whose selecting threads run the work they select, one selecting thread per core:
 * a websocket's reads, the routing of its messages and the writes they cause all happen on the
 * thread that saw it readable, as in an event loop.
 *
 * <p>Jetty's websocket connection declares its reads blocking, so on a stock connector every
 * readable connection is handed from the selecting thread to another one (a reserved thread
 * takes over selecting, or the read is queued to the pool). On the benchmark's routed calls that
 * handoff cost more than the rest of the router put together. Nothing this router does for a
 * websocket blocks: routing takes short locks, sends are asynchronous and bounded per session.
 * So the handoff buys nothing here, and is skipped.
 *
 * <p>Joining is the exception: a connection's TLS handshake and HTTP upgrade, milliseconds of CPU
 * each, go to a pool of their own, a thread per core ({@link EventLoopEndPoint.Joining}), so that
 * peers joining in a burst share the CPU with the routing of established sessions instead of
 * queueing ahead of it. The selector loops, the acceptor and the timers run on the server's pool.
 * The sockets stop reading at a short read and write a single buffer with a plain write
 * ({@link EventLoopEndPoint}).
 */
public final class EventLoopConnector extends ServerConnector {

    // As many joining threads as cores: a burst of joins queues here rather than growing the
    // server's pool to a thread per handshake, each with its stack.
    private final QueuedThreadPool joins;

    public EventLoopConnector(Server server, ConnectionFactory... factories) {
        // One selector per core: each is now also the only thread its connections run on.
        super(server, null, null, null, -1, Runtime.getRuntime().availableProcessors(), factories);
        joins = new QueuedThreadPool(getSelectorManager().getSelectorCount(), 1);
        joins.setReservedThreads(0);
        joins.setName("disco-signal-join");
        addManaged(joins);
    }

    @Override
    protected SelectorManager newSelectorManager(Executor pool, Scheduler scheduler, int selectors) {
        // Called by the constructor above before it sets joins; the field is read per task.
        Executor selected = task -> {
            if (task instanceof EventLoopEndPoint.Joining) {
                joins.execute(task);
            } else {
                task.run();
            }
        };
        return new ServerConnectorManager(pool, scheduler, selectors) {
            // Each selector's execution strategy asks for this executor; the manager itself keeps
            // the pool (its own field) to start the selector loops on.
            @Override
            public Executor getExecutor() {
                return selected;
            }
        };
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        SocketChannelEndPoint endPoint = new EventLoopEndPoint(channel, selector, key, getScheduler());
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }
}
