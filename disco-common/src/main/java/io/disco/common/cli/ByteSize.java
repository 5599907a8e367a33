package io.disco.common.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A number of bytes as operators write it: {@code 1048576}, {@code 512KiB}, {@code 1MiB}. */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([a-z]*)");
    private static final Map<String, Long> MULTIPLIERS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", 1L << 10), Map.entry("kb", 1_000L), Map.entry("kib", 1L << 10),
            Map.entry("m", 1L << 20), Map.entry("mb", 1_000_000L), Map.entry("mib", 1L << 20),
            Map.entry("g", 1L << 30), Map.entry("gb", 1_000_000_000L), Map.entry("gib", 1L << 30));

    private ByteSize() {
    }

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        Long multiplier = m.matches() ? MULTIPLIERS.get(m.group(2)) : null;
        if (multiplier == null) {
            throw new IllegalArgumentException("'" + text + "' is not a size (write it like 65536, 512KiB or 1MiB)");
        }
        return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
    }
}
