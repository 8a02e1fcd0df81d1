package dev.forecourt.lead.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a store manager reads every day (DOMAIN.md §2): the funnel by stage and grade with
 * conversion rates, showroom and phone traffic per day, each consultant's activity, follow-ups
 * due and overdue, and the defeat analysis. The funnel sums counters kept as leads change; the
 * others are one aggregate query over the store's leads captured in the period (index
 * lead_store_created_idx). No personal data.
 */
@ApplicationScoped
public class StoreReports {

    /** Funnel stages in order; a lead counts for every stage up to the furthest it reached. */
    static final List<String> FUNNEL = List.of("NEW", "CONTACTED", "TEST_DRIVE", "QUOTED", "ORDERED", "DELIVERED");

    @Inject
    EntityManager em;

    public record Period(String storeId, LocalDate from, LocalDate to, ZoneId zone) {
        Instant start() {
            return from.atStartOfDay(zone).toInstant();
        }

        Instant end() {
            return to.plusDays(1).atStartOfDay(zone).toInstant();
        }
    }

    public record Step(String stage, long reached, BigDecimal rateFromPrevious, BigDecimal rateFromCaptured) {
    }

    public record Funnel(String storeId, LocalDate from, LocalDate to, long captured, List<Step> stages,
                         Map<String, Long> openByGrade, long defeated) {
    }

    /**
     * The funnel of the leads captured in the period, from the counters kept as leads change
     * (V7, {@link LeadFunnelCounts}): a few thousand rows whatever the number of leads. A period
     * whose ends are not on a quarter-hour (no time zone in use has such a midnight) is counted
     * from the leads themselves.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Funnel funnel(Period p) {
        if (!LeadFunnelCounts.onBucketEdge(p.start()) || !LeadFunnelCounts.onBucketEdge(p.end())) {
            return funnelFromLeads(p);
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT reached, nullif(open_grade, '-'), sum(leads), sum(defeated)
                FROM (SELECT reached, open_grade, leads, defeated FROM lead_funnel_count
                      WHERE store_id = ?1 AND bucket >= ?2 AND bucket < ?3
                      UNION ALL
                      SELECT reached, open_grade, leads, defeated FROM lead_funnel_delta
                      WHERE store_id = ?1 AND bucket >= ?2 AND bucket < ?3) AS counted
                GROUP BY 1, 2 HAVING sum(leads) <> 0""")
                .setParameter(1, p.storeId()).setParameter(2, p.start()).setParameter(3, p.end()).getResultList();
        return funnel(p, rows);
    }

    /** The same funnel read from the leads (one pass over the store's leads of the period). */
    @Transactional
    @SuppressWarnings("unchecked")
    public Funnel funnelFromLeads(Period p) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT lead_funnel_reached(stage, stage_before_defeat), nullif(lead_funnel_open_grade(stage, grade), '-'),
                       count(*), count(*) FILTER (WHERE stage = 'DEFEATED')
                FROM lead WHERE store_id = ?1 AND created_at >= ?2 AND created_at < ?3
                GROUP BY 1, 2""").setParameter(1, p.storeId()).setParameter(2, p.start()).setParameter(3, p.end())
                .getResultList();
        return funnel(p, rows);
    }

    /** Rows of (furthest step reached, grade if still open, leads, of which defeated). */
    private static Funnel funnel(Period p, List<Object[]> rows) {
        long[] atLeast = new long[FUNNEL.size()];
        long captured = 0;
        long defeated = 0;
        Map<String, Long> byGrade = new LinkedHashMap<>();
        for (String g : List.of("O", "H", "A", "B", "C")) {
            byGrade.put(g, 0L);
        }
        for (Object[] r : rows) {
            int furthest = FUNNEL.indexOf((String) r[0]);
            long n = ((Number) r[2]).longValue();
            captured += n;
            defeated += ((Number) r[3]).longValue();
            for (int i = 0; i <= Math.max(0, furthest); i++) {
                atLeast[i] += n;
            }
            if (r[1] != null) {
                byGrade.merge(String.valueOf(r[1]), n, Long::sum);
            }
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < FUNNEL.size(); i++) {
            steps.add(new Step(FUNNEL.get(i), atLeast[i], i == 0 ? rate(atLeast[0], captured) : rate(atLeast[i], atLeast[i - 1]),
                    rate(atLeast[i], captured)));
        }
        return new Funnel(p.storeId(), p.from(), p.to(), captured, steps, byGrade, defeated);
    }

    public record Traffic(LocalDate day, long showroom, long phone, long other) {
    }

    /** Leads captured per day: showroom walk-ins, phone-ins and the rest. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Traffic> traffic(Period p) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT (created_at AT TIME ZONE ?4)::date AS day,
                       count(*) FILTER (WHERE source = 'SHOWROOM'),
                       count(*) FILTER (WHERE source = 'PHONE'),
                       count(*) FILTER (WHERE source NOT IN ('SHOWROOM', 'PHONE'))
                FROM lead WHERE store_id = ?1 AND created_at >= ?2 AND created_at < ?3
                GROUP BY 1 ORDER BY 1""").setParameter(1, p.storeId()).setParameter(2, p.start()).setParameter(3, p.end())
                .setParameter(4, p.zone().getId()).getResultList();
        return rows.stream().map(r -> new Traffic(day(r[0]), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), ((Number) r[3]).longValue())).toList();
    }

    /** Targets of the months the period touches, summed; all null when none was set. */
    public record Targets(Long leads, Long orders, Long deliveries) {
    }

    public record ConsultantActivity(String consultantId, long leads, long followUps, long orders, long deliveries,
                                     long dueToday, long overdue, Double averageResponseMinutes, Targets target) {
    }

    /**
     * Per consultant: leads captured in the period, follow-ups done, orders and deliveries beside
     * their targets (every month the period touches, summed), and what is due now.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<ConsultantActivity> consultants(Period p, Instant now) {
        Instant endOfToday = LocalDate.ofInstant(now, p.zone()).plusDays(1).atStartOfDay(p.zone()).toInstant();
        List<Object[]> rows = em.createNativeQuery("""
                WITH leads AS (
                    SELECT consultant_id, count(*) AS leads, avg(response_minutes) AS response
                    FROM lead WHERE store_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND consultant_id IS NOT NULL
                    GROUP BY consultant_id
                ), follow_ups AS (
                    SELECT consultant_id, count(*) AS n FROM follow_up
                    WHERE store_id = ?1 AND done_at >= ?2 AND done_at < ?3 GROUP BY consultant_id
                ), orders AS (
                    SELECT consultant_id, count(*) AS n, count(*) FILTER (WHERE status = 'DELIVERED') AS delivered
                    FROM sales_order WHERE store_id = ?1 AND created_at >= ?2 AND created_at < ?3 GROUP BY consultant_id
                ), due AS (
                    SELECT consultant_id,
                           count(*) FILTER (WHERE next_due_at >= ?4 AND next_due_at < ?5) AS today,
                           count(*) FILTER (WHERE next_due_at < ?4) AS overdue
                    FROM lead WHERE store_id = ?1 AND consultant_id IS NOT NULL AND next_due_at < ?5
                      AND stage NOT IN ('DELIVERED', 'DEFEATED', 'DEFEAT_REQUESTED')
                    GROUP BY consultant_id
                ), targets AS (
                    SELECT consultant_id, sum(leads) AS leads, sum(orders) AS orders, sum(deliveries) AS deliveries
                    FROM consultant_target WHERE store_id = ?1 AND month >= ?6 AND month <= ?7
                    GROUP BY consultant_id
                )
                SELECT c.consultant_id, coalesce(l.leads, 0), coalesce(f.n, 0), coalesce(o.n, 0), coalesce(o.delivered, 0),
                       coalesce(d.today, 0), coalesce(d.overdue, 0), l.response, t.leads, t.orders, t.deliveries
                FROM (SELECT consultant_id FROM leads UNION SELECT consultant_id FROM follow_ups
                      UNION SELECT consultant_id FROM orders UNION SELECT consultant_id FROM due
                      UNION SELECT consultant_id FROM targets) c
                LEFT JOIN leads l USING (consultant_id) LEFT JOIN follow_ups f USING (consultant_id)
                LEFT JOIN orders o USING (consultant_id) LEFT JOIN due d USING (consultant_id)
                LEFT JOIN targets t USING (consultant_id)
                WHERE c.consultant_id IS NOT NULL
                ORDER BY c.consultant_id""")
                .setParameter(1, p.storeId()).setParameter(2, p.start()).setParameter(3, p.end())
                .setParameter(4, now).setParameter(5, endOfToday)
                .setParameter(6, p.from().withDayOfMonth(1)).setParameter(7, p.to()).getResultList();
        return rows.stream().map(r -> new ConsultantActivity((String) r[0], ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), ((Number) r[4]).longValue(),
                ((Number) r[5]).longValue(), ((Number) r[6]).longValue(),
                r[7] == null ? null : ((Number) r[7]).doubleValue(),
                new Targets(longOrNull(r[8]), longOrNull(r[9]), longOrNull(r[10])))).toList();
    }

    public record DefeatCount(String reason, String model, String competitor, String consultantId, long defeats) {
    }

    /** Approved defeats decided in the period, by reason, model, competitor and consultant. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<DefeatCount> defeats(Period p) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT d.reason, coalesce(l.model, l.series), d.competitor, l.consultant_id, count(*)
                FROM defeat_request d JOIN lead l ON l.id = d.lead_id
                WHERE d.store_id = ?1 AND d.status = 'APPROVED' AND d.decided_at >= ?2 AND d.decided_at < ?3
                GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1""")
                .setParameter(1, p.storeId()).setParameter(2, p.start()).setParameter(3, p.end()).getResultList();
        return rows.stream().map(r -> new DefeatCount((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).longValue())).toList();
    }

    private static LocalDate day(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
