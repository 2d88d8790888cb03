package io.docparser.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process and all its descendants (the service's parser child JVMs), read from
 * /proc every 200 ms while a run lasts. CPU counts every process seen, including children that have since exited
 * (up to their last sample).
 */
final class ProcessSampler implements AutoCloseable {

  private static final long EVERY_MS = 200;
  /** Linux reports CPU time in clock ticks, 100 per second on every common configuration. */
  private static final double TICKS_PER_SECOND = 100;

  private final ProcessHandle root;
  private final Map<Long, Long> ticksAtStart = new ConcurrentHashMap<>();
  private final Map<Long, Long> ticksLastSeen = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile long peakRssKb;
  private volatile boolean running = true;

  ProcessSampler(ProcessHandle root) {
    this.root = root;
    processes().forEach(pid -> ticksAtStart.put(pid, cpuTicks(pid)));
    this.thread = new Thread(this::sampleUntilClosed, "bench-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sampleUntilClosed() {
    while (running) {
      sample();
      try {
        Thread.sleep(EVERY_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    long rss = 0;
    for (long pid : processes().toList()) {
      long ticks = cpuTicks(pid);
      if (ticks >= 0) {
        ticksLastSeen.put(pid, ticks);
        ticksAtStart.putIfAbsent(pid, 0L);
      }
      rss += rssKb(pid);
    }
    peakRssKb = Math.max(peakRssKb, rss);
  }

  private Stream<Long> processes() {
    return Stream.concat(Stream.of(root), root.descendants()).map(ProcessHandle::pid);
  }

  double cpuSeconds() {
    return ticksLastSeen.entrySet().stream()
        .mapToLong(entry -> entry.getValue() - ticksAtStart.getOrDefault(entry.getKey(), 0L))
        .sum() / TICKS_PER_SECOND;
  }

  long peakRssMb() {
    return peakRssKb / 1024;
  }

  JsonObject toJson(double wallSeconds) {
    return new JsonObject().put("cpu_seconds", Latencies.round(cpuSeconds()))
        .put("cpu_cores_busy", Latencies.round(cpuSeconds() / wallSeconds))
        .put("peak_rss_mb", peakRssMb());
  }

  @Override
  public void close() {
    sample();
    running = false;
    thread.interrupt();
  }

  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long rssKb(long pid) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return lines.filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
          .findFirst().orElse(0);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
