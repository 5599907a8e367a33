package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.passes;
import static io.disco.all.multihost.MultiHostClient.require;

import io.disco.common.tls.ClientTrust;
import io.disco.signal.wamp.WampErrors;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The client host of multi-host.sh's fleet once its other checks have passed: what Babble nodes
 * on the two signaling routers see while the operator ({@link Operator}, the script) stops Redis,
 * starts it again, and then kills the other router with SIGKILL. One line per check, as {@link
 * MultiHostClient} prints them, each with the times it measured and their bounds as
 * {@code N ms (bound M ms)}; exit status 0 when every check passed, 1 at the first that did not.
 *
 * <p>Arguments: {@code --ca FILE --realm REALM --signal URL --other-signal URL --heartbeat MILLIS
 * --actions DIR}: the routers' {@code --cluster-heartbeat}, and where the script writes when it did
 * what was asked.
 */
public final class FleetFailures {

    /** Babble keys of callees on this host's router ({@code NEAR}) and on the other. */
    static final String NEAR_KEY = "0X04" + "D3".repeat(64);
    static final String FAR_KEY = "0X04" + "E4".repeat(64);
    static final String HELD_KEY = "0X04" + "F5".repeat(64);

    /** How long the routers may take to learn each other's registrations. */
    private static final Duration ROUTES_SETTLE = Duration.ofSeconds(10);
    /** A call refused at once, or served within one router, answers within this while Redis is away. */
    private static final Duration FAST = Duration.ofSeconds(1);
    /**
     * Back from a lost Redis: the routers reconnect (backing off to 1 s between attempts), claim
     * their routes again and read each other's, and may first take each other for gone.
     */
    private static final Duration RECOVERY = Duration.ofSeconds(10);
    private static final Duration OPERATOR = Duration.ofSeconds(60);

    private final ClientTrust trust;
    private final String realm;
    private final URI signal;
    private final URI otherSignal;
    private final Duration heartbeat;
    private final Operator operator;

    private FleetFailures(Arguments given) {
        this.trust = ClientTrust.certificate(given.path("--ca"));
        this.realm = given.get("--realm");
        this.signal = given.uri("--signal");
        this.otherSignal = given.uri("--other-signal");
        this.heartbeat = Duration.ofMillis(Long.parseLong(given.get("--heartbeat")));
        this.operator = new Operator(given.path("--actions"));
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        FleetFailures fleet = new FleetFailures(Arguments.of(args));
        boolean passed;
        try (Caller caller = Caller.join(fleet.signal, fleet.trust, fleet.realm);
             Callee near = Callee.answering(fleet.signal, fleet.trust, fleet.realm, NEAR_KEY);
             Callee far = Callee.answering(fleet.otherSignal, fleet.trust, fleet.realm, FAR_KEY)) {
            passed = passes("redis stopped", () -> fleet.redisStopped(caller, near, far))
                    && passes("redis back", () -> fleet.redisBack(caller, far))
                    && passes("router killed", () -> fleet.routerKilled(caller));
        } catch (Exception e) {
            System.out.println("the sessions did not end cleanly: " + e);
            passed = false;
        }
        System.exit(passed ? 0 : 1);
    }

    /**
     * With Redis stopped, a call crossing to the other router fails at once with
     * {@code wamp.error.network_failure}, and one between two sessions of this router is answered,
     * also once Redis has been away longer than the routers' keys live (three heartbeats), which
     * its return must mend as well.
     */
    String redisStopped(Caller caller, Callee near, Callee far) throws Exception {
        answered(caller, far, ROUTES_SETTLE);
        answered(caller, near, ROUTES_SETTLE);
        Instant stopped = operator.await("stop-redis", OPERATOR);

        Caller.Reply crossing = caller.call(FAR_KEY, FAST.multipliedBy(10));
        require(crossing.isError(WampErrors.NETWORK_FAILURE) && crossing.tookMillis() <= FAST.toMillis(),
                () -> "with Redis stopped, the call from " + caller.router() + " to the callee at " + otherSignal
                        + " got " + crossing + " after " + crossing.tookMillis() + " ms, not "
                        + WampErrors.NETWORK_FAILURE + " within " + FAST.toMillis() + " ms");
        Caller.Reply within = answeredWithinRouter(caller, near, "with Redis stopped");
        Thread.sleep(Math.max(0, millisBetween(Instant.now(), stopped.plus(heartbeat.multipliedBy(4)))));
        Caller.Reply later = answeredWithinRouter(caller, near,
                "with Redis stopped " + millisBetween(stopped, Instant.now()) + " ms before");
        long away = millisBetween(stopped, later.sent());
        return "a call from " + signal + " to the callee at " + otherSignal + " ended with ERROR "
                + WampErrors.NETWORK_FAILURE + " in " + crossing.tookMillis() + " ms (bound " + FAST.toMillis()
                + " ms), " + millisBetween(stopped, crossing.at()) + " ms after Redis stopped; a call between two"
                + " sessions of " + signal + " was answered in " + within.tookMillis() + " ms (bound "
                + FAST.toMillis() + " ms), and again in " + later.tookMillis() + " ms (bound " + FAST.toMillis()
                + " ms) with Redis away for " + away + " ms, longer than the routers' keys live";
    }

    /** Redis started again: calls cross again, between the sessions joined before it stopped. */
    String redisBack(Caller caller, Callee far) throws Exception {
        Instant started = operator.await("start-redis", OPERATOR);
        int attempts = answered(caller, far, RECOVERY.multipliedBy(2));
        long after = millisBetween(started, Instant.now());
        require(after <= RECOVERY.toMillis(), () -> "calls from " + signal + " to the callee at " + otherSignal
                + " were answered again " + after + " ms after Redis was back, not within " + RECOVERY.toMillis()
                + " ms");
        return "a call from " + signal + " to the callee at " + otherSignal + ", both joined before Redis stopped,"
                + " was answered " + after + " ms (bound " + RECOVERY.toMillis() + " ms) after Redis was ready again,"
                + " at attempt " + attempts + ", nothing restarted";
    }

    /**
     * The router of a callee killed with SIGKILL: the call in flight to it ends with an ERROR, and
     * its procedure is unknown to this router's callers, within three heartbeats and one.
     */
    String routerKilled(Caller caller) throws Exception {
        Duration bound = heartbeat.multipliedBy(4);
        try (Callee held = Callee.holding(otherSignal, trust, realm, HELD_KEY);
             Caller waiting = Caller.join(signal, trust, realm)) {
            long inFlight = callInFlight(waiting, held);
            Instant killed = operator.await("kill-callee-router", OPERATOR);

            Caller.Reply ended = waiting.reply(inFlight, killed, bound.multipliedBy(5));
            require(ended.isError() && ended.tookMillis() <= bound.toMillis(), () -> "the call in flight to the"
                    + " callee at " + otherSignal + " got " + ended + " " + ended.tookMillis()
                    + " ms after its router was killed, not an ERROR within " + bound.toMillis() + " ms");
            // Until the kill is noticed, a call there is refused (wamp.error.canceled): asked again
            // until the procedure is unknown.
            Instant giveUp = killed.plus(bound.multipliedBy(5));
            Caller.Reply unknown = caller.call(HELD_KEY, bound.multipliedBy(5));
            while (unknown.isError() && !unknown.isError(WampErrors.NO_SUCH_PROCEDURE)
                    && Instant.now().isBefore(giveUp)) {
                Thread.sleep(20);
                unknown = caller.call(HELD_KEY, bound.multipliedBy(5));
            }
            Caller.Reply last = unknown;
            long unknownAfter = millisBetween(killed, last.at());
            require(last.isError(WampErrors.NO_SUCH_PROCEDURE) && unknownAfter <= bound.toMillis(),
                    () -> "a call from " + signal + " to the killed router's callee got " + last + " " + unknownAfter
                            + " ms after the kill, not " + WampErrors.NO_SUCH_PROCEDURE + " within "
                            + bound.toMillis() + " ms");
            return "the router at " + otherSignal + " killed (SIGKILL): the call in flight to its callee ended"
                    + " with " + ended + " at kill + " + ended.tookMillis() + " ms (bound " + bound.toMillis()
                    + " ms), and a call from " + signal + " to the callee's key got " + WampErrors.NO_SUCH_PROCEDURE
                    + " at kill + " + unknownAfter + " ms (bound " + bound.toMillis() + " ms: three "
                    + heartbeat.toMillis() + " ms heartbeats and one)";
        }
    }

    /**
     * Calls {@code callee} until it answers, while the routers may not yet know its registration
     * ({@code wamp.error.no_such_procedure}) or each other, and returns how many calls it took.
     */
    private int answered(Caller caller, Callee callee, Duration settle) throws Exception {
        Instant deadline = Instant.now().plus(settle);
        for (int attempt = 1; ; attempt++) {
            Caller.Reply reply = caller.call(callee.procedure(), FAST.multipliedBy(5));
            if (reply.texts().equals(List.of(callee.answer()))) {
                return attempt;
            }
            require(Instant.now().isBefore(deadline), () -> "a call from " + caller.router() + " to the callee at "
                    + callee.router() + " got " + reply + " " + reply.texts() + ", not its answer, for " + settle);
            Thread.sleep(100);
        }
    }

    /**
     * A call to {@code callee}, joined to the caller's router, answered within {@link #FAST};
     * {@code when} says what is the case.
     */
    private static Caller.Reply answeredWithinRouter(Caller caller, Callee callee, String when)
            throws InterruptedException {
        Caller.Reply reply = caller.call(callee.procedure(), FAST.multipliedBy(10));
        require(reply.texts().equals(List.of(callee.answer())) && reply.tookMillis() <= FAST.toMillis(),
                () -> when + ", a call from " + caller.router() + " to a callee at the same router got " + reply + " "
                        + reply.texts() + " after " + reply.tookMillis() + " ms, not the answer within "
                        + FAST.toMillis() + " ms");
        return reply;
    }

    /** A call to {@code held} that has reached it; its request id. */
    private long callInFlight(Caller waiting, Callee held) throws Exception {
        Instant deadline = Instant.now().plus(ROUTES_SETTLE);
        while (true) {
            Instant sent = Instant.now();
            long request = waiting.send(HELD_KEY);
            if (held.invokedWithin(FAST)) {
                return request;
            }
            Caller.Reply refused = waiting.reply(request, sent, FAST);
            require(refused.isError(WampErrors.NO_SUCH_PROCEDURE) && Instant.now().isBefore(deadline),
                    () -> "a call from " + waiting.router() + " to the callee at " + otherSignal + " got " + refused
                            + ", and reached no callee, for " + ROUTES_SETTLE);
            Thread.sleep(100);
        }
    }

    private static long millisBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
