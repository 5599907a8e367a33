package io.disco.api.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WriteRateTest {

    @Test
    void readsWritesPerSecondMinuteOrHourAndZeroForNone() {
        assertEquals(new WriteRate(20, Duration.ofSeconds(1)), WriteRate.parse("20/s"));
        assertEquals(new WriteRate(600, Duration.ofMinutes(1)), WriteRate.parse(" 600/M "));
        assertEquals(new WriteRate(3600, Duration.ofHours(1)), WriteRate.parse("3600/h"));
        assertTrue(WriteRate.parse("0").unlimited());
        assertEquals("600/m", WriteRate.parse("600/m").toString());
        assertEquals(50_000_000L, WriteRate.parse("20/s").nanosPerWrite());
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "20/d", "/s", "-1/s", "0/s", "x/s", "20/s/s", ""})
    void refusesAnythingElseNamingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WriteRate.parse(text));
        assertEquals("'" + text + "' is not a write rate (write it like 20/s, 600/m or 3600/h, or 0 for none)",
                e.getMessage());
    }
}
