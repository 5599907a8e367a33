package io.disco.signal.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The figures of a run, as the one {@code RESULT key=value ...} line signal-bench.sh reads. */
final class Result {

    private final Map<String, Object> figures = new TreeMap<>();

    void put(String key, Object value) {
        figures.put(key, value);
    }

    /** The RESULT line: the mode, every figure by key, and the kinds of errors (null when there were none). */
    String line(DriverOptions.Mode mode, String errorKinds) {
        StringBuilder line = new StringBuilder("RESULT mode=").append(mode.flag());
        figures.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        if (errorKinds != null) {
            line.append(" error_kinds=").append(errorKinds);
        }
        return line.toString();
    }

    static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
