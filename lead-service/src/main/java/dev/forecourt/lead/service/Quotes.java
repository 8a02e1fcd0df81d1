package dev.forecourt.lead.service;

import dev.forecourt.lead.config.LeadSettings;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadStage;
import dev.forecourt.lead.domain.Quote;
import dev.forecourt.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Quotes given to a lead's customer: the lead reaches QUOTED and counts as contacted. */
@ApplicationScoped
public class Quotes {

    @Inject
    LeadDesk desk;

    @Inject
    FollowUps followUps;

    @Inject
    Clock clock;

    @Inject
    LeadSettings settings;

    public record Terms(String brand, String series, String model, BigDecimal listPrice, BigDecimal discount,
                        LocalDate validUntil, String note) {
    }

    @Transactional
    public Quote quote(UUID leadId, Terms t) {
        Lead lead = desk.get(leadId);
        desk.requireWorkable(lead, "a quote");
        BigDecimal discount = t.discount() == null ? BigDecimal.ZERO : t.discount();
        if (discount.compareTo(t.listPrice()) >= 0) {
            throw ProblemException.invalid("discount", "below-list-price", "must be less than the list price");
        }
        Instant now = clock.instant();
        // Today in the group's time zone: a quote valid until yesterday is refused.
        if (t.validUntil().isBefore(LocalDate.ofInstant(now, settings.zone()))) {
            throw ProblemException.invalid("validUntil", "not-past", "must not be in the past");
        }
        Quote q = new Quote();
        q.id = UUID.randomUUID();
        q.storeId = lead.storeId;
        q.leadId = lead.id;
        q.consultantId = lead.consultantId;
        q.brand = t.brand();
        q.series = t.series();
        q.model = t.model();
        q.listPrice = t.listPrice();
        q.discount = discount;
        q.validUntil = t.validUntil();
        q.note = t.note();
        q.createdAt = now;
        q.persist();
        followUps.contacted(lead, LeadStage.QUOTED, now);
        return q;
    }

    @Transactional
    public List<Quote> of(UUID leadId) {
        Lead lead = desk.get(leadId);
        return Quote.list("leadId = ?1 order by createdAt, id", lead.id);
    }
}
