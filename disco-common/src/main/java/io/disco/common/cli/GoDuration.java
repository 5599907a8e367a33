package io.disco.common.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in Go's syntax ({@code 300ms}, {@code 90s}, {@code 5m0s}, {@code 1h30m},
 * {@code 1.5h}), which the original's flags used and its operators' scripts still pass.
 */
public final class GoDuration {

    private static final Pattern TERM = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "μs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with a message fit for a user when the text is not a duration */
    public static Duration parse(String text) {
        String s = text.strip();
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        Matcher term = TERM.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int position = 0;
        while (position < s.length()) {
            if (!term.find(position) || term.start() != position) {
                throw invalid(text);
            }
            BigDecimal amount = new BigDecimal(term.group(1).endsWith(".") ? term.group(1) + "0" : term.group(1));
            nanos = nanos.add(amount.multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(term.group(2)))));
            position = term.end();
        }
        BigInteger whole = nanos.toBigInteger();
        if (whole.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        Duration duration = Duration.ofNanos(whole.longValueExact());
        return negative ? duration.negated() : duration;
    }

    /** Go's own rendering: {@code 5m0s}, {@code 1h30m0s}, {@code 300ms}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (duration.isNegative()) {
            out.append('-');
            duration = duration.negated();
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = duration.toNanos();
            if (nanos % 1_000_000 == 0) {
                return out.append(nanos / 1_000_000).append("ms").toString();
            }
            if (nanos % 1_000 == 0) {
                return out.append(nanos / 1_000).append("µs").toString();
            }
            return out.append(nanos).append("ns").toString();
        }
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(duration.toSecondsPart());
        int nanos = duration.toNanosPart();
        if (nanos > 0) {
            out.append('.').append(String.format("%09d", nanos).replaceAll("0+$", ""));
        }
        return out.append('s').toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration (write it like 90s, 5m0s or 1h30m)");
    }
}
