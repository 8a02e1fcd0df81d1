package dev.forecourt.lead.service;

import dev.forecourt.lead.config.LeadRules;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadGrade;
import dev.forecourt.lead.domain.LeadStage;
import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * A lead's grade (DOMAIN.md §2): changing it resets the next follow-up to the new grade's cadence,
 * is recorded with its reason, and is published (raising as lead upgraded, lowering as downgraded).
 */
@ApplicationScoped
public class Grading {


    @Inject
    LeadRules rules;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    /** Changes the grade; returns false (and does nothing) when it already is that grade. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean change(Lead lead, LeadGrade to, String reason, String actor, Instant now) {
        LeadGrade from = lead.gradeValue();
        if (from == to) {
            return false;
        }
        lead.grade = to.name();
        if (lead.stageValue().isOpen() && lead.stageValue() != LeadStage.DEFEAT_REQUESTED) {
            lead.nextDueAt = rules.cadence().nextDue(to, now);
        }
        lead.updatedAt = now;
        em.createNativeQuery("INSERT INTO lead_grade_change (lead_id, from_grade, to_grade, reason, changed_by, changed_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, lead.id).setParameter(2, from.name()).setParameter(3, to.name())
                .setParameter(4, reason).setParameter(5, actor).setParameter(6, now).executeUpdate();
        outbox.publish(new DomainEvent(to.isAbove(from) ? LeadEvents.UPGRADED : LeadEvents.DOWNGRADED, LeadEvents.AGGREGATE,
                lead.id.toString(), lead.storeId,
                new LeadEvents.Graded(lead.id, lead.customerId, lead.storeId, from.name(), to.name(), reason)));
        return true;
    }
}
