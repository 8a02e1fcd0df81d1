package dev.forecourt.lead.reports;

import dev.forecourt.lead.service.NativeValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** Monthly targets per consultant (leads captured, orders, deliveries), set by managers, read beside the actuals. */
@ApplicationScoped
public class ConsultantTargets {

    @Inject
    EntityManager em;

    public record Target(String storeId, String consultantId, YearMonth month, int leads, int orders, int deliveries,
                         String setBy, Instant setAt) {
    }

    /** Sets (or replaces) one consultant's targets for a month. */
    @Transactional
    public Target set(String storeId, String consultantId, YearMonth month, int leads, int orders, int deliveries,
                      String by) {
        em.createNativeQuery("""
                INSERT INTO consultant_target (store_id, consultant_id, month, leads, orders, deliveries, set_by, set_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, now())
                ON CONFLICT (store_id, consultant_id, month) DO UPDATE SET leads = excluded.leads,
                    orders = excluded.orders, deliveries = excluded.deliveries, set_by = excluded.set_by, set_at = now()""")
                .setParameter(1, storeId).setParameter(2, consultantId).setParameter(3, month.atDay(1))
                .setParameter(4, leads).setParameter(5, orders).setParameter(6, deliveries).setParameter(7, by)
                .executeUpdate();
        return of(storeId, month).stream().filter(t -> t.consultantId().equals(consultantId)).findFirst().orElseThrow();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<Target> of(String storeId, YearMonth month) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT consultant_id, leads, orders, deliveries, set_by, set_at FROM consultant_target
                WHERE store_id = ?1 AND month = ?2 ORDER BY consultant_id""")
                .setParameter(1, storeId).setParameter(2, month.atDay(1)).getResultList();
        return rows.stream().map(r -> new Target(storeId, (String) r[0], month, ((Number) r[1]).intValue(),
                ((Number) r[2]).intValue(), ((Number) r[3]).intValue(), (String) r[4], NativeValues.instant(r[5]))).toList();
    }
}
