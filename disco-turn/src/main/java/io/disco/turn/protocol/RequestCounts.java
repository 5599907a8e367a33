package io.disco.turn.protocol;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the requests came to, counted as they are answered (by several threads: the UDP loop, the
 * TCP loop) and read when the metrics are scraped.
 */
public final class RequestCounts {

    /** Why an Allocate was refused, as the metrics name it. */
    public enum Refusal {
        /** The user's (or application's) quota of allocations is used up: 486. */
        QUOTA,
        /** Credentials given and wrong, or of an account not admitted: 400, 401 (not the first challenge). */
        AUTH,
        /** The server holds all the allocations it may, or has no relay port left: 486, 508. */
        CAPACITY,
        /** The server is draining: 300 to the alternate server, or 403. */
        DRAINING;

        /** The label value: {@code quota}, {@code auth}, ... */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    final LongAdder bindings = new LongAdder();
    final LongAdder unauthorized = new LongAdder();
    final LongAdder unansweredChallenges = new LongAdder();
    final LongAdder staleNonces = new LongAdder();
    final LongAdder peerDenials = new LongAdder();
    final LongAdder allocated = new LongAdder();
    private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);

    RequestCounts() {
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, new LongAdder());
        }
    }

    void refuse(Refusal reason) {
        refused.get(reason).increment();
    }

    /** Binding requests answered. */
    public long bindings() {
        return bindings.sum();
    }

    /** 401 answers sent: challenges, and credentials refused. */
    public long unauthorized() {
        return unauthorized.sum();
    }

    /** Challenges (401, 438) not sent because their UDP source asked too often. */
    public long unansweredChallenges() {
        return unansweredChallenges.sum();
    }

    /** Requests whose nonce had expired (or was not this server's): 438, sent or withheld. */
    public long staleNonces() {
        return staleNonces.sum();
    }

    /** Permissions and channels refused because the peer filter denies the peer: 403. */
    public long peerDenials() {
        return peerDenials.sum();
    }

    /** Allocations created. */
    public long allocated() {
        return allocated.sum();
    }

    /** Allocate requests refused for {@code reason}. */
    public long refused(Refusal reason) {
        return refused.get(reason).sum();
    }
}
