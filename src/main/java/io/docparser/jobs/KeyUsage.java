package io.docparser.jobs;

import com.hazelcast.aggregation.Aggregator;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.projection.Projection;
import com.hazelcast.projection.Projections;
import io.docparser.persistence.StoreMaps;
import java.io.Serial;
import java.util.Map;

/**
 * What one caller holds in the store, cluster-wide: everything its quotas and its limit on active jobs are checked
 * against, measured by one aggregation.
 *
 * @param keptJobs    its jobs in the job map, in any status (until they expire or are deleted)
 * @param activeJobs  those of them that are queued or processing
 * @param storedBytes the documents of its queued and processing jobs plus the results of its completed ones
 */
public record KeyUsage(long keptJobs, long activeJobs, long storedBytes) {

  /**
   * Sums a caller's jobs on each member, so that only the sums cross the network. A completed job stored before jobs
   * recorded their result's size counts no result bytes.
   */
  static final class Sum implements Aggregator<Map.Entry<String, HazelcastJsonValue>, KeyUsage> {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Projection<Map.Entry<String, HazelcastJsonValue>, String> STATUS =
        Projections.singleAttribute(StoreMaps.STATUS_ATTRIBUTE);
    private static final Projection<Map.Entry<String, HazelcastJsonValue>, Number> DOCUMENT_BYTES =
        Projections.singleAttribute(StoreMaps.SIZE_ATTRIBUTE);
    private static final Projection<Map.Entry<String, HazelcastJsonValue>, Number> RESULT_BYTES =
        Projections.singleAttribute(StoreMaps.RESULT_BYTES_ATTRIBUTE);

    private long keptJobs;
    private long activeJobs;
    private long storedBytes;

    @Override
    public void accumulate(Map.Entry<String, HazelcastJsonValue> job) {
      keptJobs++;
      String status = STATUS.transform(job);
      if (JobStatus.QUEUED.wireName().equals(status) || JobStatus.PROCESSING.wireName().equals(status)) {
        activeJobs++;
        storedBytes += DOCUMENT_BYTES.transform(job).longValue();
      } else if (JobStatus.COMPLETED.wireName().equals(status)) {
        Number resultBytes = RESULT_BYTES.transform(job);
        storedBytes += resultBytes == null ? 0 : resultBytes.longValue();
      }
    }

    @Override
    public void combine(Aggregator other) {
      Sum summed = (Sum) other;
      keptJobs += summed.keptJobs;
      activeJobs += summed.activeJobs;
      storedBytes += summed.storedBytes;
    }

    @Override
    public KeyUsage aggregate() {
      return new KeyUsage(keptJobs, activeJobs, storedBytes);
    }
  }
}
