package io.disco.turn.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AllocationTableTest {

    private static FiveTuple tuple(int port) {
        return new FiveTuple(new InetSocketAddress("192.0.2.1", port), AllocationTest.SERVER, Transport.UDP);
    }

    @Test
    void quotasPerAccountAndTotal() {
        AllocationTable table = new AllocationTable(3, 2);
        assertEquals(AllocationTable.Quota.GRANTED, table.reserve("alice"));
        assertEquals(AllocationTable.Quota.GRANTED, table.reserve("alice"));
        assertEquals(AllocationTable.Quota.ACCOUNT_FULL, table.reserve("alice"));
        assertEquals(AllocationTable.Quota.GRANTED, table.reserve("bob"));
        assertEquals(AllocationTable.Quota.SERVER_FULL, table.reserve("carol"));
        table.release("alice");
        assertEquals(AllocationTable.Quota.GRANTED, table.reserve("carol"));
        assertEquals(AllocationTable.Quota.SERVER_FULL, table.reserve("alice"));
    }

    @Test
    void expiredAllocationsAreGoneAndGiveTheirQuotaBack() {
        AllocationTable table = new AllocationTable(10, 1);
        table.reserve("alice");
        Allocation allocation = AllocationTest.allocation(tuple(1), "alice", 1000);
        assertTrue(table.add(allocation));
        assertSame(allocation, table.get(tuple(1), 999));
        assertNull(table.get(tuple(2), 999));
        assertEquals(AllocationTable.Quota.ACCOUNT_FULL, table.reserve("alice"));
        assertNull(table.get(tuple(1), 1000));
        assertTrue(((FakeRelay) allocation.relay()).closed, "its relay socket is closed");
        assertEquals(0, table.size());
        assertEquals(AllocationTable.Quota.GRANTED, table.reserve("alice"));
    }

    @Test
    void sweepRemovesExpired() {
        AllocationTable table = new AllocationTable(10, 10);
        table.reserve("a");
        table.reserve("a");
        Allocation early = AllocationTest.allocation(tuple(1), "a", 1000);
        Allocation late = AllocationTest.allocation(tuple(2), "a", 5000);
        table.add(early);
        table.add(late);
        assertFalse(table.add(AllocationTest.allocation(tuple(2), "a", 9000)), "one allocation per 5-tuple");
        table.sweep(1000);
        assertEquals(1, table.size());
        assertSame(late, table.get(tuple(2), 1000));
    }

    /**
     * One account churned from many threads: a release that empties the account's count must not
     * lose a reservation racing with it, or the account would hold more than its quota afterwards.
     */
    @Test
    void anAccountHoldsNoMoreThanItsQuotaWhileReservationsAndReleasesRace() throws Exception {
        int quota = 1;
        int threads = 8;
        AllocationTable table = new AllocationTable(1000, quota);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> churners = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread churner = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (System.nanoTime() < deadline) {
                    if (table.reserve("alice") == AllocationTable.Quota.GRANTED) {
                        mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                        held.decrementAndGet();
                        table.release("alice");
                    }
                }
            });
            churner.start();
            churners.add(churner);
        }
        start.countDown();
        for (Thread churner : churners) {
            churner.join();
        }
        assertEquals(quota, mostHeld.get(), "allocations held at once");
        for (int i = 0; i < quota; i++) {
            assertEquals(AllocationTable.Quota.GRANTED, table.reserve("alice"), "the quota is free again");
        }
        assertEquals(AllocationTable.Quota.ACCOUNT_FULL, table.reserve("alice"), "and then full");
    }
}
