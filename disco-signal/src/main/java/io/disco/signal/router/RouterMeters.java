package io.disco.signal.router;

import io.disco.signal.wamp.WampErrors;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the router counts as it routes, {@code disco_signal_*} in Prometheus's names: joins and
 * refused joins by reason, calls routed, the time to their answer, call errors by kind and
 * cancels by mode. Every meter is looked up once, here. A routed call costs one counter, one read
 * of the registry's monotonic clock when it starts and one timer record when it is answered: the
 * timer has a fixed set of buckets, no percentiles to compute.
 */
public final class RouterMeters {

    /** Why a HELLO did not end in WELCOME. */
    public enum JoinRefusal {
        /** No such realm, or a deleted application's. */
        REALM,
        /** No authentication method both sides have, or a key not proven. */
        AUTH,
        /** Not HELLO first, no role announced, an unreadable frame. */
        PROTOCOL,
        /** The router is draining: new sessions go to another one. */
        DRAINING;

        /** What an ABORT's reason says of a join. */
        static JoinRefusal of(String abortReason) {
            return switch (abortReason) {
                case WampErrors.NO_SUCH_REALM -> REALM;
                case WampErrors.NO_AUTH_METHOD, WampErrors.AUTHENTICATION_FAILED -> AUTH;
                case WampErrors.SYSTEM_SHUTDOWN -> DRAINING;
                default -> PROTOCOL;
            };
        }
    }

    /** How a call routed, or meant to be, ended other than with its result. */
    enum CallError {
        /** The callee answered with ERROR. */
        CALLEE_ERROR,
        /** No callee registered for the procedure. */
        NO_SUCH_PROCEDURE,
        /** Canceled by the caller, or its callee left before answering. */
        CANCELED,
        /** The caller's timeout passed. */
        TIMEOUT
    }

    /** CANCEL's modes, as the spec names them. */
    enum CancelMode { SKIP, KILL, KILLNOWAIT }

    /**
     * From a callee's answer within a millisecond to one that took seconds: WebRTC offers and
     * answers, what the router carries, wait on the callee's own work, which a slow peer stretches.
     */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final Clock clock;
    private final Counter joins;
    private final Map<JoinRefusal, Counter> refusals = new EnumMap<>(JoinRefusal.class);
    private final Counter routed;
    private final Timer answered;
    private final Map<CallError, Counter> errors = new EnumMap<>(CallError.class);
    private final Map<CancelMode, Counter> cancels = new EnumMap<>(CancelMode.class);

    public RouterMeters(MeterRegistry registry) {
        clock = registry.config().clock();
        joins = Counter.builder("disco.signal.joins").description("Sessions joined (WELCOME sent)")
                .register(registry);
        for (JoinRefusal reason : JoinRefusal.values()) {
            refusals.put(reason, Counter.builder("disco.signal.joins.refused").tag("reason", label(reason))
                    .description("Joins refused: realm (none such), auth, protocol, draining").register(registry));
        }
        routed = Counter.builder("disco.signal.calls.routed").description("Calls routed to a callee (INVOCATION sent)")
                .register(registry);
        answered = Timer.builder("disco.signal.call.duration")
                .description("From CALL to the callee's answer (RESULT or its ERROR), as the router saw them")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        for (CallError kind : CallError.values()) {
            errors.put(kind, Counter.builder("disco.signal.call.errors").tag("kind", label(kind))
                    .description("Calls answered with an error: callee_error, no_such_procedure, canceled, timeout")
                    .register(registry));
        }
        for (CancelMode mode : CancelMode.values()) {
            cancels.put(mode, Counter.builder("disco.signal.call.cancels").tag("mode", label(mode))
                    .description("CANCEL of a call in flight, by mode").register(registry));
        }
    }

    public void joinRefused(JoinRefusal reason) {
        refusals.get(reason).increment();
    }

    void joined() {
        joins.increment();
    }

    /** The monotonic time a call starts at, for {@link #answered}. */
    long callStarts() {
        return clock.monotonicTime();
    }

    void routed() {
        routed.increment();
    }

    /** The callee answered a call that started at {@code startedNanos}. */
    void answered(long startedNanos) {
        answered.record(clock.monotonicTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    void failed(CallError kind) {
        errors.get(kind).increment();
    }

    void canceled(CancelMode mode) {
        cancels.get(mode).increment();
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
