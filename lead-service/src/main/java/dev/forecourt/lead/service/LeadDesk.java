package dev.forecourt.lead.service;

import dev.forecourt.lead.config.LeadRules;
import dev.forecourt.lead.config.LeadSettings;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadGrade;
import dev.forecourt.lead.domain.LeadSource;
import dev.forecourt.lead.domain.LeadStage;
import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.api.PageRequest;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.persistence.StoreScopedQuery;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

import java.util.UUID;
import java.util.function.Function;

/** Capturing and reading leads; a capture commits with its event. */
@ApplicationScoped
public class LeadDesk {

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    @Inject
    CustomerMerges merges;

    @Inject
    Assignments assignments;

    @Inject
    LeadSettings settings;

    @Inject
    LeadRules rules;

    @Inject
    Clock clock;

    /** What a lead starts from: the model of interest and a first grade (C unless told). */
    public record Interest(String brand, String series, String model, LeadGrade grade) {
        public static final Interest NONE = new Interest(null, null, null, null);
    }

    /** A capture's result: the lead, and whether it was folded into an open lead of the same customer and model. */
    public record Captured(Lead lead, boolean folded) {
    }

    /**
     * Captures a lead. With a customer, a lead of the same customer, store and model opened within
     * the fold window is returned instead of a second one. Without one (customer-service was away),
     * the sealed contact is kept for the linker. A consultant capturing it keeps it; otherwise the
     * store's round-robin picks one. The first follow-up is due by the grade's cadence.
     */
    @Transactional
    public Captured capture(String storeId, UUID customerId, LeadSource source, Interest interest, byte[] sealedContact) {
        user.requireStore(storeId);
        Instant now = clock.instant();
        if (customerId != null) {
            customerId = merges.current(customerId); // a record merged away: its survivor
        }
        if (customerId != null) {
            Lead open = openLeadFor(customerId, storeId, interest, now);
            if (open != null) {
                return new Captured(open, true);
            }
        }
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.storeId = storeId;
        lead.customerId = customerId;
        lead.contactEnc = customerId == null ? sealedContact : null;
        lead.source = source.name();
        lead.brand = interest.brand();
        lead.series = interest.series();
        lead.model = interest.model();
        if (interest.grade() != null) {
            lead.grade = interest.grade().name();
        }
        lead.createdAt = now;
        lead.updatedAt = now;
        lead.nextDueAt = rules.cadence().nextDue(lead.gradeValue(), now);
        lead.persist();
        if (user.hasRole(Roles.SALES_CONSULTANT)) {
            assignments.assign(lead, user.id(), user.id(), "captured by the consultant");
        } else {
            assignments.nextInTurn(storeId).ifPresent(c -> assignments.assign(lead, c, user.id(), "round-robin"));
        }
        outbox.publish(new DomainEvent(LeadEvents.CAPTURED, LeadEvents.AGGREGATE, lead.id.toString(), storeId,
                new LeadEvents.Captured(lead.id, storeId, customerId, lead.source, lead.grade, lead.consultantId)));
        return new Captured(lead, false);
    }

    /** The open lead of this customer for the same brand, series and model (all as given) captured within the fold window. */
    Lead openLeadFor(UUID customerId, String storeId, Interest interest, Instant now) {
        return Lead.<Lead>find("customerId = ?1 and storeId = ?2 and coalesce(brand, '') = coalesce(?3, '')"
                        + " and coalesce(series, '') = coalesce(?4, '') and coalesce(model, '') = coalesce(?5, '')"
                        + " and stage not in ('DELIVERED', 'DEFEATED') and createdAt >= ?6 order by createdAt desc",
                customerId, storeId, nullToEmpty(interest.brand()), nullToEmpty(interest.series()),
                nullToEmpty(interest.model()), now.minus(settings.foldWindow())).firstResult();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Inject
    Grading grading;

    /** Sets the lead's grade with a reason (see {@link Grading}). */
    @Transactional
    public Lead grade(UUID id, LeadGrade to, String reason) {
        Lead lead = get(id);
        if (!lead.stageValue().isOpen()) {
            throw ProblemException.conflict("the lead is " + lead.stage + "; only an open lead is graded");
        }
        grading.change(lead, to, reason, user.id(), clock.instant());
        return lead;
    }

    /** A lead the caller may see: their store's, and for a consultant only their own. */
    @Transactional
    public Lead get(UUID id) {
        return visible(Lead.<Lead>findById(id), l -> l.storeId, l -> l.consultantId, "lead", id);
    }

    /**
     * A lead's record (order, test drive, ...) as the caller may see it: in their stores, and for a
     * consultant only their own; anything else is a 404, so ids of others' records reveal nothing.
     */
    public <T> T visible(T record, Function<T, String> storeOf, Function<T, String> consultantOf, String what, UUID id) {
        T seen = user.visible(record, storeOf, what, id);
        if (!seesWholeStore() && !user.id().equals(consultantOf.apply(seen))) {
            throw ProblemException.notFound(what, id);
        }
        return seen;
    }

    /** Refuses (409) work on a lead that is closed or waiting for a manager's defeat decision. */
    public void requireWorkable(Lead lead, String work) {
        if (!lead.stageValue().isOpen() || lead.stageValue() == LeadStage.DEFEAT_REQUESTED) {
            throw ProblemException.conflict("the lead is " + lead.stage + "; " + work + " needs an open lead");
        }
    }

    /**
     * The query for a page of lead records (leads, orders, test drives) the caller may list: their
     * stores, and for a consultant only their own.
     */
    public StoreScopedQuery visibleRecords(PageRequest page) {
        var query = StoreScopedQuery.of(user.stores()).after(page.cursor());
        if (!seesWholeStore()) {
            query.and("consultantId = :me", "me", user.id());
        }
        return query;
    }

    public boolean seesWholeStore() {
        return user.hasRole(Roles.SALES_MANAGER) || user.hasRole(Roles.STORE_MANAGER) || user.hasRole(Roles.GROUP_ADMIN);
    }
}
