package io.docparser.jobs;

import com.hazelcast.aggregation.Aggregator;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.projection.Projection;
import com.hazelcast.projection.Projections;
import io.docparser.persistence.StoreMaps;
import java.io.Serial;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How many jobs the cluster holds in each status, and how many bytes the queued ones' documents hold: what
 * {@code GET /cluster} shows, counted in one pass over the job map.
 *
 * @param byStatus    every status, with its count
 * @param queuedBytes bytes of the documents of queued jobs
 */
public record JobCensus(Map<JobStatus, Long> byStatus, long queuedBytes) {

  /** Kept in the statuses' own order, which is the order {@code GET /cluster} shows them in. */
  public JobCensus {
    byStatus = Collections.unmodifiableMap(new EnumMap<>(byStatus));
  }

  /** How many jobs wait in the queue. */
  public long queued() {
    return byStatus.get(JobStatus.QUEUED);
  }

  /**
   * Counts on each member the jobs it holds, so that only the counts cross the network. Attributes are read
   * through Hazelcast's projections, which read one field of a stored record without reading the whole record.
   */
  static final class Count implements Aggregator<Map.Entry<String, HazelcastJsonValue>, JobCensus> {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Projection<Map.Entry<String, HazelcastJsonValue>, String> STATUS =
        Projections.singleAttribute(StoreMaps.STATUS_ATTRIBUTE);
    private static final Projection<Map.Entry<String, HazelcastJsonValue>, Number> SIZE =
        Projections.singleAttribute(StoreMaps.SIZE_ATTRIBUTE);

    private final long[] byStatus = new long[JobStatus.values().length];
    private long queuedBytes;

    @Override
    public void accumulate(Map.Entry<String, HazelcastJsonValue> job) {
      JobStatus status = JobStatus.valueOf(STATUS.transform(job).toUpperCase(Locale.ROOT));
      byStatus[status.ordinal()]++;
      if (status == JobStatus.QUEUED) {
        queuedBytes += SIZE.transform(job).longValue();
      }
    }

    @Override
    public void combine(Aggregator other) {
      Count counted = (Count) other;
      Arrays.setAll(byStatus, i -> byStatus[i] + counted.byStatus[i]);
      queuedBytes += counted.queuedBytes;
    }

    @Override
    public JobCensus aggregate() {
      Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
      for (JobStatus status : JobStatus.values()) {
        counts.put(status, byStatus[status.ordinal()]);
      }
      return new JobCensus(counts, queuedBytes);
    }
  }
}
