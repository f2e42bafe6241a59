package io.streamrec.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.hawkular.agent.prometheus.types.Summary;

/** One scrape of an app's {@code /metrics}, read by a Prometheus text-format parser, as Prometheus reads it. */
record PrometheusScrape(String text, Map<String, MetricFamily> families) {

    /** Gets {@code /metrics} from the app on {@code port} and parses it; a line the parser cannot read fails. */
    static PrometheusScrape of(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200
                    || !response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")) {
                throw new IllegalStateException("/metrics answered " + response.statusCode() + ": " + response.body());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static PrometheusScrape parse(String text) throws IOException {
        TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        for (MetricFamily family = parser.parse(); family != null; family = parser.parse()) {
            families.put(family.getName(), family);
        }
        return new PrometheusScrape(text, families);
    }

    MetricFamily family(String name) {
        MetricFamily family = families.get(name);
        if (family == null) {
            throw new AssertionError("no metric family " + name + " in the scrape; it has " + families.keySet());
        }
        return family;
    }

    /** The series of {@code name} whose labels include {@code labels} (name, value, name, value...). */
    List<Metric> series(String name, String... labels) {
        return family(name).getMetrics().stream().filter(m -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(m.getLabels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** The sum of the counter or gauge series of {@code name} whose labels include {@code labels}. */
    double sum(String name, String... labels) {
        double sum = 0;
        for (Metric m : series(name, labels)) {
            sum += m instanceof Counter c ? c.getValue() : ((Gauge) m).getValue();
        }
        return sum;
    }

    /** The one summary series of {@code name} whose labels include {@code labels}. */
    Summary summary(String name, String... labels) {
        List<Metric> found = series(name, labels);
        if (found.size() != 1 || !(found.get(0) instanceof Summary summary)) {
            throw new AssertionError("expected one summary " + name + " " + List.of(labels) + ", found " + found);
        }
        return summary;
    }

    /**
     * Every sample name Prometheus stores from this scrape: a counter's or gauge's family name, and a summary's or
     * histogram's with its {@code _count} and {@code _sum} (and {@code _bucket}) series.
     */
    Set<String> sampleNames() {
        Set<String> names = new TreeSet<>();
        families.forEach((name, family) -> {
            names.add(name);
            if (family.getType() == MetricType.SUMMARY || family.getType() == MetricType.HISTOGRAM) {
                names.add(name + "_count");
                names.add(name + "_sum");
            }
            if (family.getType() == MetricType.HISTOGRAM) {
                names.add(name + "_bucket");
            }
        });
        return names;
    }
}
