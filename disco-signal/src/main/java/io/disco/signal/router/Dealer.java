package io.disco.signal.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.MatchPolicy;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampIds;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Error;
import io.disco.signal.wamp.WampMessage.Interrupt;
import io.disco.signal.wamp.WampMessage.Invocation;
import io.disco.signal.wamp.WampMessage.Register;
import io.disco.signal.wamp.WampMessage.Registered;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampMessage.Unregister;
import io.disco.signal.wamp.WampMessage.Unregistered;
import io.disco.signal.wamp.WampMessage.Yield;
import io.disco.signal.wamp.WampUris;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Routes calls: REGISTER/UNREGISTER, CALL to INVOCATION, YIELD or ERROR back to RESULT or ERROR,
 * with cancel, timeout, progressive results, caller disclosure, shared and pattern registrations.
 *
 * <p>No global lock: exact registrations are one concurrent map lookup on the hot path, each
 * registration's callee list is copy-on-write, and a call's end is decided by one atomic flag.
 */
final class Dealer {

    private static final MatchPolicy[] PATTERNS = {MatchPolicy.PREFIX, MatchPolicy.WILDCARD};

    private final RouteTable<Registration> registrations = new RouteTable<>();
    private final RouterLimits limits;
    private final RouterMeters meters;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final ClusterRealm cluster;
    private MetaApi meta;

    Dealer(RouterLimits limits, RouterMeters meters, ScheduledExecutorService timers, Clock clock,
           ClusterRealm cluster) {
        this.cluster = cluster;
        this.limits = limits;
        this.meters = meters;
        this.timers = timers;
        this.clock = clock;
    }

    void answerMetaCallsWith(MetaApi meta) {
        this.meta = meta;
    }

    // --- registrations

    void register(WampSession callee, Register message) {
        MatchPolicy match = MatchPolicy.named(message.options().path("match").textValue());
        InvokePolicy invoke = InvokePolicy.named(message.options().path("invoke").textValue());
        String uri = message.procedure();
        if (match == null || invoke == null) {
            callee.refuse(WampMessage.REGISTER, message.request(), WampErrors.INVALID_ARGUMENT,
                    "unknown match or invoke policy");
            return;
        }
        if (!WampUris.isValidPattern(uri, match) || WampUris.isReserved(uri)) {
            callee.refuse(WampMessage.REGISTER, message.request(), WampErrors.INVALID_URI,
                    "invalid or reserved procedure URI: " + uri);
            return;
        }
        if (callee.registrations.size() >= limits.maxRegistrations()) {
            callee.refuse(WampMessage.REGISTER, message.request(), WampErrors.LIMIT_REACHED,
                    "a session may hold at most " + limits.maxRegistrations() + " registrations");
            return;
        }
        long place = invoke == InvokePolicy.SINGLE ? 0 : cluster.calleeOrder();
        boolean[] created = new boolean[1];
        // The first callee of a procedure on this router claims it across the cluster, too, and the
        // registration takes the id the cluster knows it by. Only this URI waits meanwhile.
        Registration registration = registrations.attach(match, uri, callee, () -> {
            created[0] = true;
            return cluster.claimRegistration(match, uri, invoke.wireName(),
                            new RouteId(WampIds.random(), clock.instant()), new CalleeShare(1, place, place))
                    .map(id -> new Registration(id.id(), uri, match, invoke, id.created())).orElse(null);
        }, (existing, session) -> existing.admits(session, invoke));
        if (registration == null) {
            callee.refuse(WampMessage.REGISTER, message.request(), WampErrors.PROCEDURE_ALREADY_EXISTS,
                    "procedure already registered: " + uri);
            return;
        }
        callee.registrations.put(registration.id, registration);
        registration.placed(callee, place);
        if (!created[0] && invoke != InvokePolicy.SINGLE) {
            cluster.calleesChanged(match, uri, registration.share());
        }
        if (callee.hasLeft()) {
            // The session left while registering: take the registration back with it.
            withdraw(callee, registration);
            return;
        }
        callee.send(new Registered(message.request(), registration.id));
    }

    void unregister(WampSession callee, Unregister message) {
        Registration registration = callee.registrations.remove(message.registration());
        if (registration == null) {
            callee.refuse(WampMessage.UNREGISTER, message.request(), WampErrors.NO_SUCH_REGISTRATION,
                    "no registration " + message.registration() + " of this session");
            return;
        }
        withdraw(callee, registration);
        callee.send(new Unregistered(message.request()));
    }

    private void withdraw(WampSession callee, Registration registration) {
        callee.registrations.remove(registration.id);
        if (registrations.detach(registration, callee)) {
            cluster.releaseRegistration(registration.match, registration.uri);
        } else if (registration.invoke != InvokePolicy.SINGLE) {
            cluster.calleesChanged(registration.match, registration.uri, registration.share());
        }
        registration.unplaced(callee);
    }

    // --- calls

    void call(WampSession caller, Call message) {
        String uri = message.procedure();
        if (!WampUris.isValid(uri)) {
            caller.refuse(WampMessage.CALL, message.request(), WampErrors.INVALID_URI, "invalid procedure URI: " + uri);
            return;
        }
        if (WampUris.isReserved(uri)) {
            meta.call(caller, message);
            return;
        }
        if (caller.callsMade.size() + cluster.callsElsewhere(caller) >= limits.maxPendingCalls()) {
            caller.refuse(WampMessage.CALL, message.request(), WampErrors.LIMIT_REACHED,
                    "a session may have at most " + limits.maxPendingCalls() + " calls in flight");
            return;
        }
        Registration registration = match(uri).orElse(null);
        // An exact registration here held alone is the best there is; anything less, another router
        // may beat, and a shared one, share.
        if ((registration == null || registration.match != MatchPolicy.EXACT
                || registration.invoke != InvokePolicy.SINGLE) && !caller.remote
                && cluster.call(caller, message, registration == null ? null : registration.match,
                        registration == null ? null : registration.uri,
                        registration == null ? null : registration.share())) {
            return;
        }
        WampSession callee = registration == null ? null : registration.pickCallee();
        if (callee == null) {
            noCallee(caller, message.request(), uri);
            return;
        }
        ObjectNode options = message.options();
        boolean receiveProgress = options.path("receive_progress").asBoolean(false) && callee.calleeProgresses;
        PendingCall call = new PendingCall(caller, message.request(), callee, callee.nextInvocationId(),
                receiveProgress, meters.callStarts());
        if (caller.callsMade.containsKey(message.request()) || !caller.addCallMade(call)) {
            return; // a duplicate request id, or the caller is leaving: nobody is waiting for an answer
        }
        if (!callee.addInvocation(call)) {
            call.end();
            noCallee(caller, message.request(), uri);
            return;
        }
        long timeoutMs = options.path("timeout").asLong(0);
        ObjectNode details = WampCodec.dict();
        if (receiveProgress) {
            details.put("receive_progress", true);
        }
        if (options.path("disclose_me").asBoolean(false)) {
            details.put("caller", caller.id);
            details.put("caller_authid", caller.authid());
            details.put("caller_authrole", caller.authrole());
        }
        if (registration.match != MatchPolicy.EXACT) {
            details.put("procedure", uri);
        }
        if (timeoutMs > 0) {
            details.put("timeout", timeoutMs);
        }
        callee.send(new Invocation(call.invocation, registration.id, details, message.payload()));
        meters.routed();
        if (timeoutMs > 0) {
            // Armed only once the INVOCATION is queued: the timeout's INTERRUPT must follow it.
            call.timeoutAfter(timers.schedule(() -> timedOut(call), timeoutMs, TimeUnit.MILLISECONDS));
        }
    }

    private void noCallee(WampSession caller, long request, String uri) {
        caller.refuse(WampMessage.CALL, request, WampErrors.NO_SUCH_PROCEDURE, "no callee for " + uri);
        meters.failed(RouterMeters.CallError.NO_SUCH_PROCEDURE);
    }

    void yield(WampSession callee, Yield message) {
        PendingCall call = callee.invocations.get(message.request());
        if (call == null) {
            return; // canceled, timed out, or the caller left: dropped quietly
        }
        if (message.options().path("progress").asBoolean(false)) {
            if (call.receiveProgress && !call.hasEnded()) {
                ObjectNode details = WampCodec.dict();
                details.put("progress", true);
                call.caller.send(new Result(call.callerRequest, details, message.payload()));
            }
            return;
        }
        if (call.end()) {
            call.caller.send(new Result(call.callerRequest, WampCodec.dict(), message.payload()));
            meters.answered(call.started);
        }
    }

    /** The callee's ERROR reaches the caller with its URI, details and arguments unchanged. */
    void invocationError(WampSession callee, Error message) {
        PendingCall call = callee.invocations.get(message.request());
        if (call != null && call.end()) {
            call.caller.send(new Error(WampMessage.CALL, call.callerRequest, message.details(), message.error(),
                    message.payload()));
            meters.answered(call.started);
            // A callee that honours a kill answers wamp.error.canceled: the call was canceled.
            meters.failed(WampErrors.CANCELED.equals(message.error())
                    ? RouterMeters.CallError.CANCELED : RouterMeters.CallError.CALLEE_ERROR);
        }
    }

    void cancel(WampSession caller, Cancel message) {
        PendingCall call = caller.callsMade.get(message.request());
        if (call == null) {
            // Already answered, or made on another router, which gets the cancel.
            cluster.cancel(caller, message);
            return;
        }
        String mode = message.options().path("mode").asText("killnowait");
        switch (mode) {
            case "skip" -> {
                meters.canceled(RouterMeters.CancelMode.SKIP);
                if (call.end()) {
                    canceled(call, "canceled by the caller");
                }
            }
            case "kill" -> {
                meters.canceled(RouterMeters.CancelMode.KILL);
                if (call.callee.calleeCancels) {
                    // The callee's own answer, normally ERROR wamp.error.canceled, ends the call.
                    interrupt(call, "kill", WampErrors.CANCELED);
                } else if (call.end()) {
                    canceled(call, "canceled by the caller");
                }
            }
            case "killnowait" -> {
                meters.canceled(RouterMeters.CancelMode.KILLNOWAIT);
                if (call.end()) {
                    interrupt(call, "killnowait", WampErrors.CANCELED);
                    canceled(call, "canceled by the caller");
                }
            }
            default -> caller.refuse(WampMessage.CANCEL, message.request(), WampErrors.INVALID_ARGUMENT,
                    "unknown cancel mode " + mode);
        }
    }

    private void timedOut(PendingCall call) {
        if (call.end()) {
            interrupt(call, "killnowait", WampErrors.TIMEOUT);
            call.caller.refuse(WampMessage.CALL, call.callerRequest, WampErrors.TIMEOUT, "the call timed out");
            meters.failed(RouterMeters.CallError.TIMEOUT);
        }
    }

    /** Ends everything a leaving session was part of. */
    void leave(WampSession session) {
        for (Registration registration : List.copyOf(session.registrations.values())) {
            withdraw(session, registration);
        }
        for (PendingCall call : List.copyOf(session.invocations.values())) {
            if (call.end()) {
                canceled(call, "the callee left before answering");
            }
        }
        for (PendingCall call : List.copyOf(session.callsMade.values())) {
            if (call.end()) {
                interrupt(call, "killnowait", WampErrors.CANCELED);
            }
        }
    }

    private void canceled(PendingCall call, String why) {
        call.caller.refuse(WampMessage.CALL, call.callerRequest, WampErrors.CANCELED, why);
        meters.failed(RouterMeters.CallError.CANCELED);
    }

    /** INTERRUPT only to callees that announced call_canceling: others may treat it as a violation. */
    private static void interrupt(PendingCall call, String mode, String reason) {
        if (call.callee.calleeCancels && !call.callee.hasLeft()) {
            ObjectNode options = WampCodec.dict();
            options.put("mode", mode);
            options.put("reason", reason);
            call.callee.send(new Interrupt(call.invocation, options));
        }
    }

    // --- lookups, for calls and for the meta API

    /** The registration a call to {@code uri} goes to: exact, else longest prefix, else best wildcard. */
    Optional<Registration> match(String uri) {
        Registration found = registrations.exact(uri);
        if (found != null) {
            return Optional.of(found);
        }
        for (MatchPolicy match : PATTERNS) {
            for (Registration candidate : registrations.patterns(match)) {
                if (match.matches(candidate.uri, uri)
                        && (found == null || match.outranks(candidate.uri, found.match, found.uri))) {
                    found = candidate;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    Optional<Registration> lookup(String uri, MatchPolicy match) {
        return registrations.lookup(uri, match);
    }

    Optional<Registration> byId(long id) {
        return registrations.byId(id);
    }

    int registrationCount() {
        return registrations.size();
    }

    Collection<Registration> all(MatchPolicy match) {
        return registrations.all(match);
    }
}
