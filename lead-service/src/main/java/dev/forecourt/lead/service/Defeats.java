package dev.forecourt.lead.service;

import dev.forecourt.lead.config.LeadRules;
import dev.forecourt.lead.domain.DefeatDecision;
import dev.forecourt.lead.domain.DefeatReason;
import dev.forecourt.lead.domain.DefeatRequest;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadStage;
import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Defeat (战败): a consultant asks to give a lead up, with the reason (and the competitor when
 * that is the reason); a sales manager approves it (the lead is closed and lead defeated is
 * published) or sends it back (the lead returns to the stage it was in, due again).
 */
@ApplicationScoped
public class Defeats {

    @Inject
    LeadDesk desk;

    @Inject
    CurrentUser user;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;


    @Inject
    LeadRules rules;

    @Transactional
    public DefeatRequest request(UUID leadId, DefeatReason reason, String competitor, String note) {
        Lead lead = desk.get(leadId);
        if (reason.needsCompetitor() && (competitor == null || competitor.isBlank())) {
            throw ProblemException.invalid("competitor", "NotBlank", "name the competitor's brand and model when the reason is COMPETITOR");
        }
        LeadStage stage = lead.stageValue();
        if (!stage.isOpen() || stage == LeadStage.DEFEAT_REQUESTED) {
            throw ProblemException.conflict("the lead is " + stage + "; only an open lead without a pending request can be given up");
        }
        if (stage == LeadStage.ORDERED) {
            throw ProblemException.conflict("the lead has a live order; cancel the order before giving the lead up");
        }
        Instant now = clock.instant();
        DefeatRequest r = new DefeatRequest();
        r.id = UUID.randomUUID();
        r.leadId = lead.id;
        r.storeId = lead.storeId;
        r.reason = reason.name();
        r.competitor = competitor;
        r.note = note;
        r.requestedBy = user.id();
        r.requestedAt = now;
        r.persist();
        lead.stageBeforeDefeat = stage.name();
        lead.stage = stage.advanceTo(LeadStage.DEFEAT_REQUESTED).name();
        lead.updatedAt = now;
        outbox.publish(new DomainEvent(LeadEvents.DEFEAT_REQUESTED, LeadEvents.AGGREGATE, lead.id.toString(), lead.storeId,
                new LeadEvents.DefeatRequested(lead.id, lead.storeId, lead.consultantId, r.reason, competitor)));
        return r;
    }

    /** A manager's decision on the lead's pending request. */
    @Transactional
    public DefeatRequest decide(UUID leadId, DefeatDecision decision, String note) {
        Lead lead = desk.get(leadId);
        DefeatRequest r = DefeatRequest.<DefeatRequest>find("leadId = ?1 and status = ?2", lead.id,
                DefeatRequest.Status.REQUESTED.name()).firstResultOptional()
                .orElseThrow(() -> ProblemException.conflict("the lead has no pending defeat request"));
        Instant now = clock.instant();
        r.decidedBy = user.id();
        r.decidedAt = now;
        r.decisionNote = note;
        lead.updatedAt = now;
        if (decision == DefeatDecision.APPROVE) {
            r.status = DefeatRequest.Status.APPROVED.name();
            lead.stage = LeadStage.DEFEATED.name();
            lead.nextDueAt = null;
            outbox.publish(new DomainEvent(LeadEvents.DEFEATED, LeadEvents.AGGREGATE, lead.id.toString(), lead.storeId,
                    new LeadEvents.Defeated(lead.id, lead.customerId, lead.storeId, r.reason, r.competitor, lead.consultantId)));
        } else {
            r.status = DefeatRequest.Status.RETURNED.name();
            lead.stage = LeadStage.DEFEAT_REQUESTED.returnFromDefeat(LeadStage.valueOf(lead.stageBeforeDefeat)).name();
            lead.stageBeforeDefeat = null;
            // Back to work: the next follow-up is due by the grade's cadence from now.
            lead.nextDueAt = rules.cadence().nextDue(lead.gradeValue(), now);
        }
        return r;
    }
}
