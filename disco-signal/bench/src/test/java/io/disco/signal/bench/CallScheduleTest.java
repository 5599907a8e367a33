package io.disco.signal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallScheduleTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** Calls due in [from, to) seconds, counted call by call. */
    private static long dueBetween(CallSchedule schedule, double from, double to) {
        long count = 0;
        for (long n = 0; ; n++) {
            long due = schedule.due(n);
            if (due >= to * SECOND) {
                return count;
            }
            if (due >= from * SECOND) {
                count++;
            }
        }
    }

    @Test
    void theRateClimbsEvenlyOverTheRampThenHolds() {
        CallSchedule schedule = new CallSchedule(2000, 10 * SECOND);
        // 100 calls in the first second (the rate climbing from 0 to 200/s), 1,900 in the ramp's last.
        assertEquals(100, dueBetween(schedule, 0, 1), 1);
        assertEquals(1900, dueBetween(schedule, 9, 10), 1);
        // Half of what full rate would send over the ramp, then the full rate.
        assertEquals(10_000, dueBetween(schedule, 0, 10), 1);
        assertEquals(2000, dueBetween(schedule, 10, 11), 1);
        assertEquals(20_000, dueBetween(schedule, 20, 30), 1);
    }

    @Test
    void dueTimesNeverGoBack() {
        CallSchedule schedule = new CallSchedule(500, 3 * SECOND);
        long last = -1;
        for (long n = 0; n < 5000; n++) {
            long due = schedule.due(n);
            assertTrue(due >= last, "call " + n + " due before call " + (n - 1));
            last = due;
        }
    }

    @Test
    void withoutARampCallsAreDueAtTheFullRateFromTheStart() {
        CallSchedule schedule = new CallSchedule(1000, 0);
        assertEquals(0, schedule.due(0));
        assertEquals(SECOND, schedule.due(1000));
    }
}
