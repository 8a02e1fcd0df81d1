package dev.forecourt.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.platform.api.CorrelationIds;
import dev.forecourt.platform.events.CloudEvents;
import dev.forecourt.platform.events.DomainEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
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
        insert(List.of(event), List.of(row));
        return row.id();
    }

    /**
     * Many events in the current transaction, sent to the database as one JDBC batch: for jobs that
     * raise thousands at once (one statement each cost about half a millisecond apiece).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<DomainEvent> events) {
        insert(events, rows(events));
    }

    /** The outbox rows of these events, serialised (the CPU half of {@link #publishAll}). */
    public List<Row> rows(List<DomainEvent> events) {
        return rows(events, topic);
    }

    /**
     * As {@link #rows(List)}, for events that go to another topic than the service's own (a bulk
     * import's events have a topic of their own, so that its consumers alone fetch them).
     */
    public List<Row> rows(List<DomainEvent> events, String topic) {
        String correlationId = CorrelationIds.current();
        return events.stream().map(e -> row(e, correlationId, topic)).toList();
    }

    /** Inserts serialised events in one JDBC batch, in the caller's transaction (the database half of {@link #publishAll}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(List<DomainEvent> events, List<Row> rows) {
        if (events.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> insert(c, events, rows));
    }

    /**
     * Inserts serialised events in one JDBC batch over the caller's connection and in its transaction:
     * for bulk writers that write over their own connection (customer-service's import).
     */
    public static void insert(Connection c, List<DomainEvent> events, List<Row> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (int i = 0; i < rows.size(); i++) {
                DomainEvent e = events.get(i);
                Row r = rows.get(i);
                s.setObject(1, r.id());
                s.setString(2, e.aggregateType());
                s.setString(3, e.aggregateId());
                s.setString(4, e.type());
                s.setString(5, r.topic());
                s.setBytes(6, r.envelope());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * The insert of an outbox row, its payload bound as bytes ({@link PreparedStatement#setBytes}): the
     * envelope's UTF-8 goes to the database as it is, not as a String decoded from it and encoded again
     * by the driver (JFR: 0.4 GB of a million-row import's allocation went to that round trip).
     */
    private static final String INSERT = "INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type,"
            + " topic, payload) VALUES (?, ?, ?, ?, ?, convert_from(?, 'UTF8'))";

    /** An outbox row ready to insert, its envelope as UTF-8 JSON. */
    public record Row(UUID id, String topic, byte[] envelope) {
    }

    private Row row(DomainEvent event) {
        return row(event, CorrelationIds.current(), topic);
    }

    private Row row(DomainEvent event, String correlationId, String topic) {
        UUID id = UUID.randomUUID();
        byte[] envelope;
        try {
            envelope = CloudEvents.write(id, "/forecourt/" + application, event, g -> json.writeValue(g, event.data()),
                    correlationId);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("event data of " + event.type() + " is not serialisable", e.getCause());
        }
        return new Row(id, topic, envelope);
    }
}
