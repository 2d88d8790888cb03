package io.docparser.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which parser slot of this node runs which job, so that a job that ended elsewhere (cancelled anywhere in the
 * cluster, among others) or was taken away from this node has its parse stopped here.
 */
public final class RunningParses {

  private final Map<String, JobProcessor> slots = new ConcurrentHashMap<>();

  void started(String jobId, JobProcessor slot) {
    slots.put(jobId, slot);
  }

  void ended(String jobId) {
    slots.remove(jobId);
  }

  boolean isRunning(String jobId) {
    return slots.containsKey(jobId);
  }

  boolean isEmpty() {
    return slots.isEmpty();
  }

  /** How many slots of this node are parsing now. */
  public int busy() {
    return slots.size();
  }

  /** Stops every parse running on this node (a stopping node whose parses outlast the drain). Blocks, as below. */
  void stopAll() {
    slots.keySet().forEach(this::stop);
  }

  /** Stops the job's parse if it runs on this node. Blocks while the parser process is killed: not on an event loop. */
  void stop(String jobId) {
    JobProcessor slot = slots.get(jobId);
    if (slot != null) {
      slot.stop(jobId);
    }
  }
}
