package io.docparser.jobs;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.docparser.api.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of this node's running attempts, and takes jobs back from nodes that are gone: at once from a
 * member that is no longer in the cluster (when one leaves, and as the node starts, for the jobs that were running
 * when the whole service stopped), and by lease expiry otherwise (a node that froze, or could not reach the store).
 * Every node runs it; the transitions are atomic, so two nodes taking the same job back do no harm. It also stops
 * the parse of a running job that is no longer this node's: ended elsewhere, cancelled among others (announced on
 * the event bus, or found when its lease cannot be renewed), or taken back.
 */
public final class LeaseVerticle extends VerticleBase {

  /** The member attribute that names a member's node (DOCPARSER_NODE_ID). */
  public static final String NODE_ATTRIBUTE = "docparser.node-id";
  private static final Logger LOG = LoggerFactory.getLogger(LeaseVerticle.class);
  private static final long REAP_EVERY_MS = 5_000;
  private static final long DRAIN_CHECK_MS = 100;

  private final Stores stores;
  private final Leases leases;
  private final RunningParses running;
  private final JobMetrics metrics;
  private final int maxAttempts;
  private LostJobs lost;
  private UUID membershipListener;

  public LeaseVerticle(Stores stores, Leases leases, RunningParses running, JobMetrics metrics, int maxAttempts) {
    this.stores = stores;
    this.leases = leases;
    this.running = running;
    this.metrics = metrics;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Ready once the jobs of members that are gone are back in the queue: this node's parser slots, deployed after it,
   * then find them there.
   */
  @Override
  public Future<?> start() {
    lost = new LostJobs(stores, vertx.eventBus(), metrics, maxAttempts);
    vertx.setPeriodic(leases.renewEveryMs(), timer -> renewRunning());
    vertx.setPeriodic(REAP_EVERY_MS, timer -> lost.takeBackExpired());
    MessageConsumer<String> endings = vertx.eventBus().consumer(Addresses.JOB_FINISHED,
        message -> stopParse(message.body()));
    return endings.completion()
        .compose(registered -> vertx.executeBlocking(
            () -> stores.member().getCluster().addMembershipListener(new Departures())))
        .onSuccess(id -> membershipListener = id)
        .compose(listening -> lost.takeBackFromGoneMembers().otherwiseEmpty());
  }

  /**
   * A stopping node keeps renewing its leases while its running parses end, for up to the drain bound
   * ({@link Leases#drain}). Parses still running then are stopped (their child processes killed);
   * their jobs stay this node's until it leaves the cluster, and the other nodes take them back at once.
   */
  @Override
  public Future<?> stop() {
    return parsesEnded().compose(ended -> {
      HazelcastInstance member = stores.member();
      return membershipListener == null || !stores.isUp()
          ? Future.succeededFuture()
          : vertx.executeBlocking(() -> member.getCluster().removeMembershipListener(membershipListener));
    });
  }

  private Future<Void> parsesEnded() {
    Promise<Void> ended = Promise.promise();
    long deadline = System.nanoTime() + leases.drain().toNanos();
    vertx.setPeriodic(0, DRAIN_CHECK_MS, timer -> {
      if (running.isEmpty()) {
        vertx.cancelTimer(timer);
        ended.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(timer);
        LOG.warn("parses still run {} ms after the node began to stop; they are stopped, and their jobs handed back",
            leases.drain().toMillis());
        vertx.executeBlocking(() -> {
          running.stopAll();
          return null;
        }, false).onComplete(stopped -> ended.tryComplete());
      }
    });
    return ended.future();
  }

  private void renewRunning() {
    for (Job attempt : leases.running()) {
      stores.jobs().renew(attempt, leases.length())
          .onSuccess(renewed -> {
            if (renewed.isEmpty()) {
              JobLog.warn(LOG, attempt).log("job {} is no longer this node's to run (cancelled or taken back); its"
                  + " parse is stopped", attempt.jobId());
              stopParse(attempt.jobId());
            }
          })
          .onFailure(failure -> JobLog.warn(LOG, attempt).log("the lease of job {} was not renewed: {}",
              attempt.jobId(), failure.toString()));
    }
  }

  /** Killing a parser process waits for it to end: off the event loop, and only for a job parsed here. */
  private void stopParse(String jobId) {
    if (!running.isRunning(jobId)) {
      return;
    }
    vertx.executeBlocking(() -> {
      running.stop(jobId);
      return null;
    }, false);
  }

  /** Hazelcast tells every member when one leaves, once it is out of the member list; its jobs go back at once. */
  private final class Departures implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {
      // a new member takes work through the doorbell and the queue sweep; nothing to do here
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      String nodeId = event.getMember().getAttribute(NODE_ATTRIBUTE);
      if (nodeId != null) {
        LOG.warn("node {} left the cluster; its running jobs are taken back", nodeId);
      }
      context.runOnContext(v -> lost.takeBackFromGoneMembers());
    }
  }
}
