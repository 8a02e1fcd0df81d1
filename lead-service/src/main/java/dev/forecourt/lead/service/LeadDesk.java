package dev.forecourt.lead.service;

import dev.forecourt.lead.domain.KnownCustomer;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadSource;
import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Capturing and reading leads; a capture commits with its event. */
@ApplicationScoped
public class LeadDesk {

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    /** Captures a lead for a customer; a consultant capturing it becomes its consultant. */
    @Transactional
    public Lead capture(String storeId, UUID customerId, LeadSource source) {
        user.requireStore(storeId);
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.storeId = storeId;
        lead.customerId = customerId;
        lead.source = source.name();
        if (user.hasRole(Roles.SALES_CONSULTANT)) {
            lead.consultantId = user.id();
        }
        lead.persist();
        outbox.publish(new DomainEvent(LeadEvents.CAPTURED, LeadEvents.AGGREGATE, lead.id.toString(), storeId,
                new LeadEvents.Captured(lead.id, storeId, customerId, lead.source, lead.grade, lead.consultantId)));
        return lead;
    }

    /** A lead the caller may see: their store's, and for a consultant only their own. */
    @Transactional
    public Lead get(UUID id) {
        Lead lead = user.visible(Lead.<Lead>findById(id), l -> l.storeId, "lead", id);
        if (!seesWholeStore() && !user.id().equals(lead.consultantId)) {
            throw ProblemException.notFound("lead", id);
        }
        return lead;
    }

    public boolean seesWholeStore() {
        return user.hasRole(Roles.SALES_MANAGER) || user.hasRole(Roles.STORE_MANAGER) || user.hasRole(Roles.GROUP_ADMIN);
    }

    @Transactional
    public boolean customerKnown(UUID customerId) {
        return customerId != null && KnownCustomer.findById(customerId) != null;
    }
}
