package dev.forecourt.lead.service;

import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Keeps this service's customer references true to customer-service's merges: a merge moves the
 * merged record's leads and sales orders to the survivor, and its undo moves those same ones back
 * (only where they still point at the survivor). Every lead moved is announced as linked to its new
 * customer; the moves are kept in {@code customer_repoint} (V10). Merged-away ids are kept as aliases
 * of their last survivor ({@code customer_alias}, V11), so that chained merges end at the last survivor
 * in whatever order their events come, and a lead captured later for such an id goes to it
 * ({@link #current}). Runs in the consumer's batch transaction, whose inbox makes a redelivered event
 * change nothing.
 */
@ApplicationScoped
public class CustomerMerges {

    /** A lead whose customer changed, as the update returned it. */
    record Moved(UUID leadId, String storeId, UUID customerId) {
    }

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    /** The customer a lead for this id belongs to: the last survivor if it was merged away, else itself. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID current(UUID customerId) {
        @SuppressWarnings("unchecked")
        List<UUID> survivor = em.createNativeQuery("SELECT survivor_id FROM customer_alias WHERE merged_id = :id")
                .setParameter("id", customerId).getResultList();
        return survivor.isEmpty() ? customerId : survivor.get(0);
    }

    /** {@code merged}'s leads and orders now belong to the survivor of {@code mergedInto}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void repoint(UUID mergeId, UUID merged, UUID mergedInto) {
        // The survivor may itself have been merged away already (a chain whose events came out of order).
        UUID survivor = current(mergedInto);
        if (survivor.equals(merged)) {
            return; // an undo of the merge the other way came first: nothing to point at itself
        }
        em.createNativeQuery("UPDATE customer_alias SET survivor_id = :to WHERE survivor_id = :from")
                .setParameter("from", merged).setParameter("to", survivor).executeUpdate();
        em.createNativeQuery("INSERT INTO customer_alias (merged_id, survivor_id, merge_id) VALUES (:from, :to, :merge)"
                        + " ON CONFLICT (merged_id) DO UPDATE SET survivor_id = EXCLUDED.survivor_id, merge_id = EXCLUDED.merge_id")
                .setParameter("from", merged).setParameter("to", survivor).setParameter("merge", mergeId).executeUpdate();
        em.createNativeQuery("""
                WITH moved AS (UPDATE sales_order SET customer_id = :to, version = version + 1
                               WHERE customer_id = :from RETURNING id)
                INSERT INTO customer_repoint (merge_id, subject, subject_id, from_customer, to_customer)
                SELECT :merge, 'SALES_ORDER', id, :from, :to FROM moved ON CONFLICT DO NOTHING""")
                .setParameter("merge", mergeId).setParameter("from", merged).setParameter("to", survivor)
                .executeUpdate();
        List<Moved> leads = moved(em.createNativeQuery("""
                WITH moved AS (UPDATE lead SET customer_id = :to, version = version + 1, updated_at = now()
                               WHERE customer_id = :from RETURNING id, store_id),
                     kept AS (INSERT INTO customer_repoint (merge_id, subject, subject_id, from_customer, to_customer)
                              SELECT :merge, 'LEAD', id, :from, :to FROM moved ON CONFLICT DO NOTHING)
                SELECT id, store_id, CAST(:to AS uuid) FROM moved""")
                .setParameter("merge", mergeId).setParameter("from", merged).setParameter("to", survivor)
                .getResultList());
        announce(leads);
    }

    /**
     * Undoes {@link #repoint} for this merge: the merged id is a customer again, and what the merge moved
     * and still points at the survivor goes back. (Aliases of records merged into it before, flattened to
     * the survivor, stay with the survivor.)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void restore(UUID mergeId) {
        em.createNativeQuery("DELETE FROM customer_alias WHERE merge_id = :merge").setParameter("merge", mergeId)
                .executeUpdate();
        em.createNativeQuery("""
                WITH back AS (UPDATE sales_order o SET customer_id = r.from_customer, version = o.version + 1
                              FROM customer_repoint r
                              WHERE r.merge_id = :merge AND r.subject = 'SALES_ORDER' AND r.restored_at IS NULL
                                AND o.id = r.subject_id AND o.customer_id = r.to_customer RETURNING o.id)
                UPDATE customer_repoint SET restored_at = now()
                WHERE merge_id = :merge AND subject = 'SALES_ORDER' AND subject_id IN (SELECT id FROM back)""")
                .setParameter("merge", mergeId).executeUpdate();
        List<Moved> leads = moved(em.createNativeQuery("""
                WITH back AS (UPDATE lead l SET customer_id = r.from_customer, version = l.version + 1, updated_at = now()
                              FROM customer_repoint r
                              WHERE r.merge_id = :merge AND r.subject = 'LEAD' AND r.restored_at IS NULL
                                AND l.id = r.subject_id AND l.customer_id = r.to_customer
                              RETURNING l.id, l.store_id, l.customer_id),
                     marked AS (UPDATE customer_repoint SET restored_at = now()
                                WHERE merge_id = :merge AND subject = 'LEAD' AND subject_id IN (SELECT id FROM back))
                SELECT id, store_id, customer_id FROM back""")
                .setParameter("merge", mergeId).getResultList());
        announce(leads);
    }

    private void announce(List<Moved> leads) {
        outbox.publishAll(leads.stream().map(l -> new DomainEvent(LeadEvents.CUSTOMER_LINKED, LeadEvents.AGGREGATE,
                l.leadId().toString(), l.storeId(), new LeadEvents.CustomerLinked(l.leadId(), l.storeId(), l.customerId())))
                .toList());
    }

    @SuppressWarnings("unchecked")
    private static List<Moved> moved(List<?> rows) {
        return ((List<Object[]>) rows).stream()
                .map(r -> new Moved((UUID) r[0], (String) r[1], (UUID) r[2])).toList();
    }
}
