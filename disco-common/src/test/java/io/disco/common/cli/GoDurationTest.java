package io.disco.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "300ms, PT0.3S",
            "90s, PT1M30S",
            "5m0s, PT5M",
            "1m, PT1M",
            "1h30m, PT1H30M",
            "1.5h, PT1H30M",
            ".5s, PT0.5S",
            "2h45m30.5s, PT2H45M30.5S",
            "1us, PT0.000001S",
            "1µs, PT0.000001S",
            "7ns, PT0.000000007S",
            "0, PT0S",
            "-1m, PT-1M",
            "+90s, PT1M30S",
    })
    void parsesGoSyntax(String text, String iso) {
        assertEquals(Duration.parse(iso), GoDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "m", "5x", "1h 30m", "5m0", "h1", "--1s", "1..5s", "1e3s", "five minutes"})
    void rejectsWhatGoRejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "PT5M, 5m0s",
            "PT1M, 1m0s",
            "PT1H30M, 1h30m0s",
            "PT24H, 24h0m0s",
            "PT10S, 10s",
            "PT0.3S, 300ms",
            "PT1.5S, 1.5s",
            "PT0S, 0s",
    })
    void formatsLikeGo(String iso, String text) {
        assertEquals(text, GoDuration.format(Duration.parse(iso)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5m0s", "1h30m0s", "300ms", "2h45m30.5s", "10s"})
    void formatRoundTrips(String text) {
        assertEquals(text, GoDuration.format(GoDuration.parse(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3000000h", "9223372036854775808ns"})
    void rejectsOverflow(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }
}
