package dev.forecourt.platform.inbox;

import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * The idempotent consumer: records an event's id in the same transaction as the effect it
 * causes. A redelivered event finds its id already there and changes nothing; two deliveries
 * racing each other serialise on the primary key.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager em;

    /** True the first time this event is seen; false for a redelivery, whose effect must be skipped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(CloudEvent event) {
        UUID id;
        try {
            id = UUID.fromString(event.getId());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event id is not a UUID: " + event.getId(), e);
        }
        return em.createNativeQuery("INSERT INTO inbox_event (event_id, event_type, source) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, id)
                .setParameter(2, event.getType())
                .setParameter(3, String.valueOf(event.getSource()))
                .executeUpdate() == 1;
    }
}
