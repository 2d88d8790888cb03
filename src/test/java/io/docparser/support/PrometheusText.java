package io.docparser.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The samples of a Prometheus text exposition, as series (name and labels, as written) to values. */
public final class PrometheusText {

  private final Map<String, Double> samples = new LinkedHashMap<>();

  public PrometheusText(String text) {
    for (String line : text.lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
  }

  /** The sum of every series of {@code name} whose labels include all of {@code labels} ({@code key="value"}). */
  public double sum(String name, String... labels) {
    return samples.entrySet().stream()
        .filter(sample -> sample.getKey().equals(name) || sample.getKey().startsWith(name + "{"))
        .filter(sample -> Arrays.stream(labels).allMatch(label -> sample.getKey().contains(label)))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  public boolean has(String name) {
    return samples.keySet().stream().anyMatch(series -> series.equals(name) || series.startsWith(name + "{"));
  }
}
