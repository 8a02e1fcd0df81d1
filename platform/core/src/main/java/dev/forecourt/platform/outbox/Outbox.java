package dev.forecourt.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.platform.api.CorrelationIds;
import dev.forecourt.platform.events.CloudEvents;
import dev.forecourt.platform.events.DomainEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Records an event in the caller's transaction, so the change and its event commit together or
 * not at all; {@link OutboxRelay} publishes it to Kafka after commit. Call it from the same
 * transaction that changes (and so locks) the aggregate: that is what keeps one aggregate's
 * events in commit order.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "forecourt.events.topic")
    String topic;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    /** Returns the CloudEvent id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(DomainEvent event) {
        Row row = row(event);
        em.createNativeQuery("INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, topic, payload)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb))")
                .setParameter(1, row.id())
                .setParameter(2, event.aggregateType())
                .setParameter(3, event.aggregateId())
                .setParameter(4, event.type())
                .setParameter(5, row.topic())
                .setParameter(6, row.envelope())
                .executeUpdate();
        return row.id();
    }

    /** An outbox row ready to insert: for bulk writers that insert over their own JDBC connection. */
    public record Row(UUID id, String topic, String envelope) {
    }

    public Row row(DomainEvent event) {
        UUID id = UUID.randomUUID();
        byte[] data;
        try {
            data = json.writeValueAsBytes(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data of " + event.type() + " is not serialisable", e);
        }
        byte[] envelope = CloudEvents.serialize(CloudEvents.envelope(id, "/forecourt/" + application, event, data,
                CorrelationIds.current()));
        return new Row(id, topic, new String(envelope, StandardCharsets.UTF_8));
    }
}
