package io.disco.signal;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One read of {@code /metrics}: each sample's value by its series, name and labels as written. */
final class Scrape {

    private final String text;
    private final Map<String, Double> samples = new HashMap<>();

    Scrape(String text) {
        this.text = text;
        text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
    }

    /** The value of {@code series}, for example {@code disco_signal_messages_total{direction="in"}}. */
    double value(String series) {
        Double value = samples.get(series);
        if (value == null) {
            throw new AssertionError("no sample " + series + " in\n" + text.lines()
                    .filter(line -> line.startsWith("disco_signal")).collect(Collectors.joining("\n")));
        }
        return value;
    }

    String text() {
        return text;
    }
}
