package io.disco.signal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call's timeout may fire on a timer thread before the routing thread has finished with the
 * CALL; the callee must still hear the INVOCATION before the INTERRUPT that ends it.
 */
class CallTimeoutOrderTest {

    /** A timer that runs a one-shot task at once, on the thread that schedules it: the earliest a timeout can fire. */
    private static final class ImmediateTimers extends ScheduledThreadPoolExecutor {
        ImmediateTimers() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            command.run();
            return super.schedule(() -> { }, 0, TimeUnit.MILLISECONDS);
        }
    }

    private static final class Recorded implements Outbox {
        final List<WampMessage> messages = new CopyOnWriteArrayList<>();

        @Override
        public void send(WampMessage message) {
            messages.add(message);
        }

        @Override
        public void close() {
        }
    }

    private final ImmediateTimers timers = new ImmediateTimers();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void theCalleeHearsTheInvocationBeforeTheInterruptOfATimedOutCall() {
        Router router = new Router(Optional.of("main"), Optional.empty(), new RouterLimits(5, 5, 5),
                new RouterMeters(new SimpleMeterRegistry()), timers, Clock.systemUTC());
        Recorded calleeOut = new Recorded();
        Connection callee = router.connect(calleeOut, WampCodec.dict());
        callee.receive(new WampMessage.Hello("main", TestClient.helloDetails(true)));
        callee.receive(new WampMessage.Register(1, WampCodec.dict(), "com.example.echo"));
        Recorded callerOut = new Recorded();
        Connection caller = router.connect(callerOut, WampCodec.dict());
        caller.receive(new WampMessage.Hello("main", TestClient.helloDetails(false)));

        ObjectNode options = WampCodec.dict();
        options.put("timeout", 1);
        caller.receive(new WampMessage.Call(7, options, "com.example.echo", null, null));

        List<WampMessage> heard = calleeOut.messages;
        assertEquals(4, heard.size(), heard::toString);
        assertInstanceOf(WampMessage.Welcome.class, heard.get(0));
        assertInstanceOf(WampMessage.Registered.class, heard.get(1));
        WampMessage.Invocation invocation = assertInstanceOf(WampMessage.Invocation.class, heard.get(2));
        WampMessage.Interrupt interrupt = assertInstanceOf(WampMessage.Interrupt.class, heard.get(3));
        assertEquals(invocation.request(), interrupt.request());
        WampMessage.Error error = assertInstanceOf(WampMessage.Error.class, callerOut.messages.get(1));
        assertEquals(WampErrors.TIMEOUT, error.error());
    }
}
