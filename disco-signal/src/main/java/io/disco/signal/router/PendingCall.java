package io.disco.signal.router;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call between its CALL and its end. It ends exactly once, whichever comes first: the final
 * YIELD, the callee's ERROR, a cancel, the timeout, or either session leaving.
 */
final class PendingCall {

    final WampSession caller;
    final long callerRequest;
    final WampSession callee;
    final long invocation;
    final boolean receiveProgress;
    /** When the CALL arrived, on the meters' monotonic clock. */
    final long started;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    PendingCall(WampSession caller, long callerRequest, WampSession callee, long invocation,
                boolean receiveProgress, long started) {
        this.caller = caller;
        this.callerRequest = callerRequest;
        this.callee = callee;
        this.invocation = invocation;
        this.receiveProgress = receiveProgress;
        this.started = started;
    }

    void timeoutAfter(ScheduledFuture<?> future) {
        this.timeout = future;
        if (ended.get()) {
            future.cancel(false);
        }
    }

    /** @return {@code true} for the one caller that ends the call; it then owes the caller an answer */
    boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        caller.callsMade.remove(callerRequest, this);
        callee.invocations.remove(invocation, this);
        ScheduledFuture<?> future = timeout;
        if (future != null) {
            future.cancel(false);
        }
        return true;
    }

    boolean hasEnded() {
        return ended.get();
    }
}
