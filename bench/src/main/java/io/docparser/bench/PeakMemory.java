package io.docparser.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The largest resident memory of a process and all its descendants (the service's parser child JVMs) together,
 * read from /proc every 200 ms while a run lasts. Memory, unlike CPU time, has no total to read at the end, so it
 * is sampled.
 */
final class PeakMemory implements AutoCloseable {

  private static final long EVERY_MS = 200;

  private final ProcessHandle root;
  private final Thread thread;
  private volatile long peakRssKb;
  private volatile boolean running = true;

  PeakMemory(ProcessHandle root) {
    this.root = root;
    this.thread = new Thread(this::sampleUntilClosed, "bench-memory-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  long peakRssMb() {
    return peakRssKb / 1024;
  }

  @Override
  public void close() {
    sample();
    running = false;
    thread.interrupt();
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
    long rss = Stream.concat(Stream.of(root), root.descendants()).mapToLong(process -> rssKb(process.pid())).sum();
    peakRssKb = Math.max(peakRssKb, rss);
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
