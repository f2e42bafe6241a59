package io.streamrec.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names the compose deployment's Grafana dashboard queries, read from its JSON. */
final class GrafanaDashboard {
    /** The dashboard Grafana is provisioned with (tests run in the module folder). */
    static final Path FILE = Path.of("..", "monitoring", "grafana", "dashboards", "streamrec.json");
    /**
     * A metric name in a PromQL expression: every metric the app exports starts with one of these prefixes, and
     * nothing else in an expression (functions, label names, keywords) does.
     */
    private static final Pattern METRIC = Pattern.compile("\\b(?:streamrec|kafka|jvm|process|system)_[a-zA-Z0-9_:]+");
    /** A label matcher or grouping, whose label names must not be taken for metrics. */
    private static final Pattern LABELS = Pattern.compile("\\{[^}]*}|\\b(?:by|without)\\s*\\([^)]*\\)");

    private GrafanaDashboard() {
    }

    /** Every metric name the panels' and variables' queries name; an expression that names none is an error. */
    static Set<String> queriedMetrics(Path dashboard) throws IOException {
        List<String> expressions = new ArrayList<>();
        collect(new ObjectMapper().readTree(dashboard.toFile()), expressions);
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(LABELS.matcher(expression).replaceAll(" "));
            boolean found = false;
            while (m.find()) {
                names.add(m.group());
                found = true;
            }
            if (!found) {
                throw new IllegalStateException("a dashboard query names no streamrec, Kafka or JVM metric: "
                        + expression);
            }
        }
        return names;
    }

    /** The {@code expr} of every target and the {@code query} of every variable, anywhere in the tree. */
    private static void collect(JsonNode node, List<String> expressions) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                boolean text = field.getValue().isTextual();
                if (text && (field.getKey().equals("expr") || field.getKey().equals("query"))) {
                    expressions.add(field.getValue().asText());
                } else if (field.getKey().equals("query") && field.getValue().isObject()
                        && field.getValue().has("query")) {
                    expressions.add(field.getValue().get("query").asText());
                } else {
                    collect(field.getValue(), expressions);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, expressions));
        }
    }
}
