package dev.forecourt.complaint.service;

import dev.forecourt.complaint.domain.Complaint;
import dev.forecourt.complaint.domain.ComplaintCategory;
import dev.forecourt.complaint.domain.ComplaintChannel;
import dev.forecourt.complaint.domain.ServiceLevel;
import dev.forecourt.complaint.events.ComplaintEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Opening and reading complaints; an opening sets its deadlines and commits with its event. */
@ApplicationScoped
public class ComplaintDesk {

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    @Transactional
    public Complaint open(String storeId, UUID customerId, ComplaintChannel channel, ComplaintCategory category) {
        user.requireStore(storeId);
        Complaint complaint = new Complaint();
        complaint.id = UUID.randomUUID();
        complaint.storeId = storeId;
        complaint.customerId = customerId;
        complaint.channel = channel.name();
        complaint.category = category.name();
        complaint.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        complaint.acknowledgeBy = ServiceLevel.STANDARD.acknowledgeBy(complaint.createdAt);
        complaint.resolveBy = ServiceLevel.STANDARD.resolveBy(complaint.createdAt);
        complaint.persist();
        outbox.publish(new DomainEvent(ComplaintEvents.OPENED, ComplaintEvents.COMPLAINT, complaint.id.toString(), storeId,
                new ComplaintEvents.Opened(complaint.id, storeId, customerId, complaint.channel, complaint.category,
                        complaint.acknowledgeBy, complaint.resolveBy)));
        return complaint;
    }

    @Transactional
    public Complaint get(UUID id) {
        return user.visible(Complaint.<Complaint>findById(id), c -> c.storeId, "complaint", id);
    }
}
