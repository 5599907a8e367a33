package io.disco.all.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.disco.common.json.DiscoJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/grafana/disco.json as a test reads it: the PromQL of its panels, and the metrics that PromQL reads. */
final class GrafanaDashboard {

    static final Path FILE = Path.of("..", "deploy", "grafana", "disco.json").toAbsolutePath().normalize();

    /** String literals, label matchers, range selectors, grouping clauses and Grafana's variables: no metric in them. */
    private static final Pattern NOT_NAMES = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|\\{[^}]*}|\\[[^]]*]"
                    + "|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\\$\\w+");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    /** PromQL's words that are not metric names when no parenthesis follows them. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private final JsonNode dashboard;

    private GrafanaDashboard(JsonNode dashboard) {
        this.dashboard = dashboard;
    }

    static GrafanaDashboard read() throws IOException {
        return new GrafanaDashboard(DiscoJson.mapper().readTree(FILE.toFile()));
    }

    /** Every panel's query, rows' panels included. */
    List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            expressions.add(expr.asText());
        }
        return expressions;
    }

    /** What a query reads, with Grafana's variables as Prometheus would see them at "All". */
    static String withVariablesSet(String expression) {
        return expression.replace("$__rate_interval", "1m").replace("$job", ".*").replace("$instance", ".*");
    }

    /**
     * The metric names in {@code expression}: identifiers left once strings, label matchers,
     * ranges, grouping clauses and variables are taken out, that are neither a function (a
     * parenthesis follows) nor a keyword.
     */
    static Set<String> metricNames(String expression) {
        String bare = NOT_NAMES.matcher(expression).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = bare.substring(identifier.end()).stripLeading().startsWith("(");
            if (!function && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** The metrics all queries read. */
    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions()) {
            names.addAll(metricNames(expression));
        }
        return names;
    }
}
