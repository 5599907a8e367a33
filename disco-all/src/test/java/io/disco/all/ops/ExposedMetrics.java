package io.disco.all.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one scrape of /metrics exposes: the names of its samples, and the families they belong to. */
final class ExposedMetrics {

    private static final Pattern SAMPLE_NAME = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)[{ ]");
    /** The samples a histogram or summary family adds to its name (Micrometer adds _max to timers). */
    private static final Pattern FAMILY_SUFFIX = Pattern.compile("_(?:bucket|count|sum|max)$");

    private final Set<String> samples = new TreeSet<>();

    ExposedMetrics(String scrape) {
        for (String line : scrape.split("\n")) {
            Matcher name = SAMPLE_NAME.matcher(line);
            if (!line.startsWith("#") && name.find()) {
                samples.add(name.group(1));
            }
        }
    }

    Set<String> sampleNames() {
        return samples;
    }

    /** The families whose samples start with {@code prefix}: a histogram's _bucket, _count, _sum and _max as one. */
    Set<String> families(String prefix) {
        Set<String> families = new TreeSet<>();
        for (String sample : samples) {
            if (sample.startsWith(prefix)) {
                families.add(family(sample));
            }
        }
        return families;
    }

    static String family(String sampleName) {
        return FAMILY_SUFFIX.matcher(sampleName).replaceFirst("");
    }
}
