package dev.forecourt.lead.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.lead.customers.CustomerLinks;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.pii.PiiCrypto;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Links leads captured while customer-service was unreachable, once it answers again: finds or
 * creates the customer from the sealed contact, sets it on the lead, erases the contact and
 * publishes forecourt.lead.customer-linked.v1. A contact customer-service refuses (e.g. not a
 * mainland mobile number) is left with the reason in link_failure and not retried.
 */
@ApplicationScoped
public class Linker {

    private static final Logger LOG = Logger.getLogger(Linker.class);
    static final int BATCH = 100;

    @Inject
    CustomerLinks links;

    @Inject
    PiiCrypto crypto;

    @Inject
    ObjectMapper json;

    @Inject
    Outbox outbox;

    @Scheduled(every = "${forecourt.lead.linker.every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int linked = linkWaiting();
        if (linked > 0) {
            LOG.infof("linker: %d leads linked to their customers", linked);
        }
    }

    /** Links what it can of the waiting leads (oldest first); returns how many it linked. */
    public int linkWaiting() {
        List<Lead> waiting = QuarkusTransaction.requiringNew().call(() -> Lead.<Lead>find(
                "customerId is null and contactEnc is not null and linkFailure is null order by createdAt").page(0, BATCH).list());
        int linked = 0;
        for (Lead lead : waiting) {
            CustomerLinks.Contact contact = open(lead.contactEnc);
            Optional<UUID> customer;
            String failure = null;
            try {
                customer = links.link(lead.storeId, contact, lead.source);
            } catch (CustomerLinks.Refused refused) {
                customer = Optional.empty();
                failure = refused.getMessage();
            }
            if (customer.isEmpty() && failure == null) {
                QuarkusTransaction.requiringNew().run(() -> Lead.update("linkAttempts = linkAttempts + 1 where id = ?1", lead.id));
                return linked; // customer-service is still away: the next run tries again
            }
            UUID customerId = customer.orElse(null);
            String reason = failure;
            QuarkusTransaction.requiringNew().run(() -> {
                Lead l = Lead.findById(lead.id);
                l.linkAttempts++;
                if (customerId == null) {
                    l.linkFailure = reason;
                    return;
                }
                l.customerId = customerId;
                l.contactEnc = null;
                outbox.publish(new DomainEvent(LeadEvents.CUSTOMER_LINKED, LeadEvents.AGGREGATE, l.id.toString(), l.storeId,
                        new LeadEvents.CustomerLinked(l.id, l.storeId, customerId)));
            });
            if (customerId != null) {
                linked++;
            }
        }
        return linked;
    }

    private CustomerLinks.Contact open(byte[] sealed) {
        try {
            return json.readValue(crypto.open(sealed, IntakeDesk.CONTACT), CustomerLinks.Contact.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable sealed contact", e);
        }
    }
}
