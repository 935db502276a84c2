package com.kwp.bridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Writes a run's results under the output folder: results.json, results.txt, results.md and results.png. */
final class ResultsFiles {
  static final String JSON = "results.json";
  static final String TEXT = "results.txt";
  static final String CHART = "results.png";
  static final String MARKDOWN = "results.md";

  private ResultsFiles() {}

  static void write(BenchResults r, Path dir) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON).toFile(), r);
    Files.writeString(dir.resolve(TEXT), ResultsTable.render(r));
    Files.writeString(dir.resolve(MARKDOWN), ResultsTable.markdown(r));
    chart(r, dir.resolve(CHART));
  }

  /** One bar chart per operation (rows/s; limit grey, baseline orange, bridge blue), in a grid. */
  static void chart(BenchResults r, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Set<String> groups = new LinkedHashSet<>();
    r.measurements().forEach(m -> groups.add(m.group()));
    List<CategoryChart> charts = new ArrayList<>();
    for (String g : groups) {
      charts.add(groupChart(g, r.measurements().stream().filter(m -> m.group().equals(g)).toList()));
    }
    charts.add(latencyChart(r));
    int cols = 2;
    if (charts.size() % cols != 0) {
      charts.remove(charts.size() - 1); // the grid must be full; the latency line is in the table anyway
    }
    int rows = (charts.size() + cols - 1) / cols;
    BitmapEncoder.saveBitmap(charts, rows, cols, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static CategoryChart groupChart(String group, List<Measurement> ms) {
    CategoryChart c = new CategoryChartBuilder().width(720).height(460).title(group).yAxisTitle("rows/s").build();
    c.getStyler().setOverlapped(true).setLabelsVisible(false);
    c.getStyler().setXAxisLabelRotation(25);
    c.getStyler().setLegendVisible(true);
    List<String> names = ms.stream().map(ResultsFiles::shortName).toList();
    for (Measurement.Role role : Measurement.Role.values()) {
      List<Double> ys = ms.stream().map(m -> m.role() == role && m.measured() ? m.rowsPerSecond() : 0.0).toList();
      if (ys.stream().anyMatch(y -> y > 0)) {
        c.addSeries(role.name().toLowerCase(java.util.Locale.ROOT), names, ys).setFillColor(color(role));
      }
    }
    if (c.getSeriesMap().isEmpty()) {
      c.addSeries("nothing measured", names, ms.stream().map(m -> 0.0).toList());
    }
    return c;
  }

  private static CategoryChart latencyChart(BenchResults r) {
    CategoryChart c = new CategoryChartBuilder().width(720).height(460)
        .title("sync latency, one small event, 10 s trigger").yAxisTitle("seconds (append -> completed)").build();
    c.getStyler().setLegendVisible(false);
    if (r.latencySeconds().isEmpty()) {
      c.addSeries("latency", List.of(r.latencyNote()), List.of(0.0));
    } else {
      List<String> events = new ArrayList<>();
      for (int i = 1; i <= r.latencySeconds().size(); i++) {
        events.add("event " + i);
      }
      c.addSeries("latency", events, r.latencySeconds()).setFillColor(color(Measurement.Role.BRIDGE));
    }
    return c;
  }

  private static String shortName(Measurement m) {
    String p = m.path().replaceFirst("^(atomic )?(limit|baseline|bridge)( candidate \\(slower\\))?: ?", "");
    return p.length() > 34 ? p.substring(0, 33) + "…" : p + (m.measured() ? "" : " (n/m)");
  }

  private static Color color(Measurement.Role role) {
    return switch (role) {
      case LIMIT -> new Color(150, 150, 150);
      case BASELINE -> new Color(230, 140, 40);
      case BRIDGE -> new Color(40, 100, 200);
    };
  }
}
