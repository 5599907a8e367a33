package io.disco.turn.allocation;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Every allocation, by 5-tuple, with the quotas: at most {@code maxTotal} allocations and at most
 * {@code maxPerAccount} per account. Lookups are a concurrent-map read; an allocation found expired
 * is treated as gone and removed.
 */
public final class AllocationTable {

    /** The outcome of counting an allocation against the quotas. */
    public enum Quota { GRANTED, ACCOUNT_FULL, SERVER_FULL }

    private final ConcurrentHashMap<FiveTuple, Allocation> byFiveTuple = new ConcurrentHashMap<>();
    /** Allocations held or reserved per account; an account holding none has no entry. */
    private final ConcurrentHashMap<String, Integer> perAccount = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final int maxTotal;
    private final int maxPerAccount;
    /** What ended allocations relayed; held, with every removal, under its own lock (see {@link #relayed}). */
    private final RelayedTraffic ended = new RelayedTraffic();

    public AllocationTable(int maxTotal, int maxPerAccount) {
        this.maxTotal = maxTotal;
        this.maxPerAccount = maxPerAccount;
    }

    /** The live allocation of {@code fiveTuple}, or null. */
    public Allocation get(FiveTuple fiveTuple, long nowMillis) {
        Allocation allocation = byFiveTuple.get(fiveTuple);
        if (allocation != null && !allocation.activeAt(nowMillis)) {
            remove(allocation, nowMillis);
            return null;
        }
        return allocation;
    }

    /**
     * Counts an allocation about to be made for {@code account} against the quotas. A reservation
     * is either turned into an allocation with {@link #add} or given back with {@link #release}.
     */
    public Quota reserve(String account) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Quota.SERVER_FULL;
        }
        AccountReservation reservation = new AccountReservation();
        perAccount.compute(account, reservation);
        if (!reservation.granted) {
            total.decrementAndGet();
            return Quota.ACCOUNT_FULL;
        }
        return Quota.GRANTED;
    }

    /**
     * Checks an account's count against its quota and counts one more, in one atomic step of the
     * map: checked and counted apart, a release emptying the account in between would drop the
     * entry the count then lands on, and the account would hold more than its quota.
     */
    private final class AccountReservation implements BiFunction<String, Integer, Integer> {
        boolean granted;

        @Override
        public Integer apply(String account, Integer held) {
            int count = held == null ? 0 : held;
            granted = count < maxPerAccount;
            return granted ? count + 1 : held;
        }
    }

    public void release(String account) {
        total.decrementAndGet();
        perAccount.computeIfPresent(account, (ignored, held) -> held <= 1 ? null : held - 1);
    }

    /** Adds a reserved allocation; false (and nothing added) when its 5-tuple already has one. */
    public boolean add(Allocation allocation) {
        return byFiveTuple.putIfAbsent(allocation.fiveTuple(), allocation) == null;
    }

    /**
     * Removes {@code allocation}, closing its relay and giving its quota back; idempotent. What it
     * relayed moves to the sum of ended allocations in the same step, so that {@link #relayed}
     * never sees it in neither place.
     *
     * @return whether this call removed it
     */
    public boolean remove(Allocation allocation, long nowMillis) {
        synchronized (ended) {
            if (!byFiveTuple.remove(allocation.fiveTuple(), allocation)) {
                return false;
            }
            ended.add(allocation.traffic());
        }
        allocation.relay().close();
        release(allocation.account());
        AllocationAudit.ended(allocation, nowMillis);
        return true;
    }

    /**
     * What every allocation relayed since the server started, ended ones included: each count
     * only grows, as a Prometheus counter must. Walks the allocations; for the scrape, not the
     * relay path.
     */
    public RelayedTraffic relayed() {
        RelayedTraffic sum = new RelayedTraffic();
        synchronized (ended) {
            sum.add(ended);
            for (Allocation allocation : byFiveTuple.values()) {
                sum.add(allocation.traffic());
            }
        }
        return sum;
    }

    /**
     * Removes every allocation of {@code account} (an application deleted), as expiry would.
     *
     * @return how many were removed
     */
    public int removeAccount(String account, long nowMillis) {
        int removed = 0;
        for (Allocation allocation : byFiveTuple.values()) {
            if (allocation.account().equals(account) && remove(allocation, nowMillis)) {
                removed++;
            }
        }
        return removed;
    }

    /** Removes expired allocations and forgets expired permissions and channels of the others. */
    public void sweep(long nowMillis) {
        for (Allocation allocation : byFiveTuple.values()) {
            if (allocation.activeAt(nowMillis)) {
                allocation.sweep(nowMillis);
            } else {
                remove(allocation, nowMillis);
            }
        }
    }

    public int size() {
        return byFiveTuple.size();
    }

    public Collection<Allocation> all() {
        return byFiveTuple.values();
    }

    /** Removes every allocation (server shutdown). */
    public void clear(long nowMillis) {
        for (Allocation allocation : byFiveTuple.values()) {
            remove(allocation, nowMillis);
        }
    }
}
