package dev.forecourt.lead.service;

import dev.forecourt.lead.config.LeadSettings;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.RoundRobin;
import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Who works a lead: assignment by a manager, or round-robin over the store's consultants; history kept. */
@ApplicationScoped
public class Assignments {

    @Inject
    LeadSettings settings;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    public record Entry(String consultantId, String previousConsultantId, String assignedBy, String reason,
                        java.time.Instant assignedAt) {
    }

    /** Gives the lead to a consultant, recording who had it before; a no-op when it is theirs already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assign(Lead lead, String consultantId, String by, String reason) {
        if (consultantId.equals(lead.consultantId)) {
            return;
        }
        String previous = lead.consultantId;
        lead.consultantId = consultantId;
        em.createNativeQuery("INSERT INTO lead_assignment (lead_id, consultant_id, previous_consultant_id, assigned_by, reason)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, lead.id).setParameter(2, consultantId).setParameter(3, previous)
                .setParameter(4, by).setParameter(5, reason).executeUpdate();
        // The new consultant works the lead's booked drives and live order; finished ones keep who did them.
        em.createNativeQuery("UPDATE test_drive SET consultant_id = ?2, version = version + 1 WHERE lead_id = ?1 AND status = 'BOOKED'")
                .setParameter(1, lead.id).setParameter(2, consultantId).executeUpdate();
        em.createNativeQuery("UPDATE sales_order SET consultant_id = ?2, version = version + 1 WHERE lead_id = ?1"
                        + " AND status NOT IN ('DELIVERED', 'CANCELLED')")
                .setParameter(1, lead.id).setParameter(2, consultantId).executeUpdate();
        outbox.publish(new DomainEvent(LeadEvents.ASSIGNED, LeadEvents.AGGREGATE, lead.id.toString(), lead.storeId,
                new LeadEvents.Assigned(lead.id, lead.storeId, consultantId, previous, reason)));
    }

    /**
     * The next consultant of the store's round-robin (configuration), or empty when the store has
     * none configured. The pointer row is locked, so concurrent captures take turns.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> nextInTurn(String storeId) {
        List<String> consultants = settings.roundRobin().getOrDefault(storeId, List.of());
        if (consultants.isEmpty()) {
            return Optional.empty();
        }
        em.createNativeQuery("INSERT INTO round_robin (store_id, last_consultant_id) VALUES (?1, '') ON CONFLICT DO NOTHING")
                .setParameter(1, storeId).executeUpdate();
        String last = (String) em.createNativeQuery("SELECT last_consultant_id FROM round_robin WHERE store_id = ?1 FOR UPDATE")
                .setParameter(1, storeId).getSingleResult();
        Optional<String> next = RoundRobin.next(consultants, last.isEmpty() ? null : last);
        next.ifPresent(c -> em.createNativeQuery("UPDATE round_robin SET last_consultant_id = ?2 WHERE store_id = ?1")
                .setParameter(1, storeId).setParameter(2, c).executeUpdate());
        return next;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Entry> history(Lead lead) {
        List<Object[]> rows = em.createNativeQuery("SELECT consultant_id, previous_consultant_id, assigned_by, reason,"
                + " assigned_at FROM lead_assignment WHERE lead_id = ?1 ORDER BY id").setParameter(1, lead.id).getResultList();
        return rows.stream().map(r -> new Entry((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                NativeValues.instant(r[4]))).toList();
    }
}
