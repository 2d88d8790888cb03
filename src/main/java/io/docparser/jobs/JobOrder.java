package io.docparser.jobs;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.query.PagingPredicate;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import java.io.Serial;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order of a listing, newest first, applied by the members that hold the jobs: each one filters and sorts its
 * own share and sends back at most one page, and the caller merges those pages. Jobs created in the same millisecond
 * follow one another by id, so every job has exactly one place in the order and a cursor never skips or repeats one.
 * The comparator and the cursor read a job's creation time the same way ({@link JobJson#createdMillis}), records
 * written before {@code created_ms} existed included.
 */
final class JobOrder {

  private JobOrder() {
  }

  /**
   * The first {@code limit} of the {@code wanted} jobs that come after {@code after}.
   *
   * @param after the job the previous page ended with; null for the first page
   */
  static PagingPredicate<String, HazelcastJsonValue> page(Predicate<String, HazelcastJsonValue> wanted, Job after,
      int limit) {
    Predicate<String, HazelcastJsonValue> selected = after == null
        ? wanted
        : Predicates.and(wanted, new After(after.createdAt().toEpochMilli(), after.jobId()));
    return Predicates.pagingPredicate(selected, new NewestFirst(), limit);
  }

  private static int compare(long createdMillis, String jobId, long otherCreatedMillis, String otherJobId) {
    int byTime = Long.compare(otherCreatedMillis, createdMillis);
    return byTime != 0 ? byTime : jobId.compareTo(otherJobId);
  }

  /**
   * Newest first. A sort compares each job many times, so each one's creation time is read once per query; the
   * cache is not sent along (a member that receives the comparator starts with an empty one), and it is concurrent
   * because a member may sort several partitions at once with the same comparator.
   */
  static final class NewestFirst implements Comparator<Map.Entry<String, HazelcastJsonValue>>, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final transient Map<String, Long> createdMillis = new ConcurrentHashMap<>();

    @Override
    public int compare(Map.Entry<String, HazelcastJsonValue> one, Map.Entry<String, HazelcastJsonValue> other) {
      return JobOrder.compare(createdMillis(one), one.getKey(), createdMillis(other), other.getKey());
    }

    private long createdMillis(Map.Entry<String, HazelcastJsonValue> job) {
      return createdMillis.computeIfAbsent(job.getKey(), id -> JobJson.createdMillis(job.getValue().getValue()));
    }

    @Serial
    private Object readResolve() {
      return new NewestFirst();
    }
  }

  /** The jobs that come after one job in that order. */
  static final class After implements Predicate<String, HazelcastJsonValue> {
    @Serial
    private static final long serialVersionUID = 1L;
    private final long createdMillis;
    private final String jobId;

    After(long createdMillis, String jobId) {
      this.createdMillis = createdMillis;
      this.jobId = jobId;
    }

    @Override
    public boolean apply(Map.Entry<String, HazelcastJsonValue> job) {
      long jobCreatedMillis = JobJson.createdMillis(job.getValue().getValue());
      return JobOrder.compare(createdMillis, jobId, jobCreatedMillis, job.getKey()) < 0;
    }
  }
}
