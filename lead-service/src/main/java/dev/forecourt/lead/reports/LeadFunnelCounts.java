package dev.forecourt.lead.reports;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;

/**
 * Folds the funnel deltas that lead writes append (V7 triggers) into the per-bucket counters, so
 * a funnel report sums a bounded number of rows. Any number of replicas may fold at once: a delta
 * row is deleted by exactly one of them, and counters are upserted in key order (no deadlock).
 * Reports read counters and pending deltas together, so folding late only costs read time.
 */
@ApplicationScoped
public class LeadFunnelCounts {

    /** The counters' bucket: every zone's midnight is on a quarter-hour. */
    static final Duration BUCKET = Duration.ofMinutes(15);

    @Inject
    EntityManager em;

    static boolean onBucketEdge(Instant t) {
        return t.getEpochSecond() % BUCKET.toSeconds() == 0 && t.getNano() == 0;
    }

    @Scheduled(every = "${forecourt.lead.funnel-fold.every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        fold();
    }

    /** Moves every committed delta into the counters; returns how many delta rows were folded. */
    @Transactional
    public int fold() {
        return em.createNativeQuery("""
                WITH moved AS (
                    DELETE FROM lead_funnel_delta
                    RETURNING store_id, bucket, reached, open_grade, leads, defeated
                ), summed AS (
                    SELECT store_id, bucket, reached, open_grade, sum(leads) AS leads, sum(defeated) AS defeated, count(*) AS n
                    FROM moved GROUP BY 1, 2, 3, 4
                ), upserted AS (
                    INSERT INTO lead_funnel_count AS c (store_id, bucket, reached, open_grade, leads, defeated)
                    SELECT store_id, bucket, reached, open_grade, leads, defeated FROM summed
                    ORDER BY store_id, bucket, reached, open_grade
                    ON CONFLICT (store_id, bucket, reached, open_grade)
                        DO UPDATE SET leads = c.leads + excluded.leads, defeated = c.defeated + excluded.defeated
                )
                SELECT coalesce(sum(n), 0) FROM summed""").getSingleResult() instanceof Number n ? n.intValue() : 0;
    }
}
