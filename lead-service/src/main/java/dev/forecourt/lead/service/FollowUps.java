package dev.forecourt.lead.service;

import dev.forecourt.lead.config.LeadRules;
import dev.forecourt.lead.domain.FollowUp;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadStage;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Follow-ups: each one moves the lead's next due time on by its grade's cadence, and the first
 * one a person makes fixes the lead response time (minutes from capture).
 */
@ApplicationScoped
public class FollowUps {

    @Inject
    LeadDesk desk;


    @Inject
    LeadRules rules;

    @Inject
    CurrentUser user;

    @Inject
    Clock clock;

    public record Record(FollowUp.Channel channel, String content, String outcome, String nextStep) {
    }

    @Transactional
    public FollowUp record(UUID leadId, Record input) {
        Lead lead = desk.get(leadId);
        if (!lead.stageValue().isOpen()) {
            throw ProblemException.conflict("the lead is " + lead.stage + "; follow-ups are for open leads");
        }
        Instant now = clock.instant();
        FollowUp f = new FollowUp();
        f.id = UUID.randomUUID();
        f.leadId = lead.id;
        f.storeId = lead.storeId;
        f.consultantId = user.id();
        f.channel = input.channel().name();
        f.content = input.content();
        f.outcome = input.outcome();
        f.nextStep = input.nextStep();
        f.doneAt = now;
        f.persist();
        contacted(lead, LeadStage.CONTACTED, now);
        return f;
    }

    /**
     * A person reached the customer (a follow-up, a test drive, a quote): the first such contact
     * fixes the lead response time, the next follow-up is due by the grade's cadence, and the lead
     * moves on to {@code stage} (never back).
     */
    public void contacted(Lead lead, LeadStage stage, Instant now) {
        if (lead.firstContactAt == null) {
            lead.firstContactAt = now;
            lead.responseMinutes = (int) Math.max(0, Duration.between(lead.createdAt, now).toMinutes());
        }
        if (lead.stageValue() != LeadStage.DEFEAT_REQUESTED) {
            lead.nextDueAt = rules.cadence().nextDue(lead.gradeValue(), now);
        }
        lead.stage = lead.stageValue().advanceTo(stage).name();
        lead.updatedAt = now;
    }

    @Transactional
    public List<FollowUp> of(UUID leadId) {
        Lead lead = desk.get(leadId);
        return FollowUp.list("leadId = ?1 order by doneAt, id", lead.id);
    }
}
