package dev.forecourt.customer.service;

import dev.forecourt.platform.api.CorrelationIds;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail of a customer: every field change (who, when, old → new, with personal values
 * masked) and every read of the full, unmasked record.
 */
@ApplicationScoped
public class ChangeLog {

    /** The actor recorded for changes caused by another service's event rather than a person. */
    public static final String SYSTEM = "system";

    public record Change(String field, String oldValue, String newValue) {
    }

    public record Entry(Instant changedAt, String actor, String field, String oldValue, String newValue, String reason) {
    }

    public record Access(Instant accessedAt, String actor, String actorName, String correlationId) {
    }

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID customerId, String actor, List<Change> changes, String reason) {
        for (Change c : changes) {
            em.createNativeQuery("INSERT INTO customer_change (customer_id, actor, field, old_value, new_value, reason)"
                            + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, customerId).setParameter(2, actor).setParameter(3, c.field())
                    .setParameter(4, truncate(c.oldValue())).setParameter(5, truncate(c.newValue()))
                    .setParameter(6, truncate(reason))
                    .executeUpdate();
        }
    }

    /** Records that the caller read the full record (DOMAIN.md §6: every such read is audited). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fullRead(UUID customerId) {
        em.createNativeQuery("INSERT INTO personal_data_access (customer_id, actor, actor_name, correlation_id)"
                        + " VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, customerId).setParameter(2, user.id()).setParameter(3, user.username())
                .setParameter(4, CorrelationIds.current())
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<Entry> history(UUID customerId) {
        // A bulk import records its creations on the customer row (import_job_id), not as a change row each.
        List<Object[]> rows = em.createNativeQuery("SELECT changed_at, actor, field, old_value, new_value, reason FROM ("
                        + " SELECT created_at AS changed_at, 'import:' || import_job_id AS actor, 'record' AS field,"
                        + " CAST(NULL AS text) AS old_value, 'imported' AS new_value, 'bulk import ' || import_job_id AS reason,"
                        + " CAST(0 AS bigint) AS id FROM customer WHERE id = ?1 AND import_job_id IS NOT NULL"
                        + " UNION ALL SELECT changed_at, actor, field, old_value, new_value, reason, id"
                        + " FROM customer_change WHERE customer_id = ?1) h ORDER BY id")
                .setParameter(1, customerId).getResultList();
        return rows.stream().map(r -> new Entry(instant(r[0]), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5])).toList();
    }

    @SuppressWarnings("unchecked")
    public List<Access> accesses(UUID customerId) {
        List<Object[]> rows = em.createNativeQuery("SELECT accessed_at, actor, actor_name, correlation_id"
                        + " FROM personal_data_access WHERE customer_id = ?1 ORDER BY id")
                .setParameter(1, customerId).getResultList();
        return rows.stream().map(r -> new Access(instant(r[0]), (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 512 ? s : s.substring(0, 509) + "...";
    }
}
