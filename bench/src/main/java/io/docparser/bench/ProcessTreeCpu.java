package io.docparser.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a process and every process below it (a node JVM, its parser child JVMs and whatever those start),
 * read from /proc/PID/stat.
 *
 * <p>Each process counts its own time (utime + stime) plus the time of the children it has reaped (cutime +
 * cstime): the kernel adds an exited child's whole time, its own reaped children included, to its parent when the
 * parent reaps it, and the JDK reaps a child as soon as it exits. So a parser child recycled or crashed during a run
 * is counted to its last tick, once, even if it lived between two reads. Sampling /proc instead would lose the end
 * of every child that exits, and all of one that lives less than a sampling period. Two reads taken at the start and
 * the end of a span are therefore enough: their difference is the CPU the tree used in that span.
 */
final class ProcessTreeCpu {

  /** Linux reports CPU time in clock ticks, 100 per second on every common configuration. */
  private static final double TICKS_PER_SECOND = 100;

  private ProcessTreeCpu() {
  }

  /** The CPU seconds the tree has used since its root started, the reaped children included. */
  static double seconds(ProcessHandle root) {
    return Stream.concat(Stream.of(root), root.descendants())
        .mapToLong(process -> ticksWithReapedChildren(process.pid()))
        .sum() / TICKS_PER_SECOND;
  }

  /** 0 for a process that has just gone: its time is then in its parent's reaped-children count. */
  private static long ticksWithReapedChildren(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the command name, which may hold spaces and parentheses itself
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = 0;
      for (int field = 11; field <= 14; field++) {
        ticks += Long.parseLong(fields[field]);
      }
      return ticks;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }
}
