package dev.forecourt.platform.outbox;

import dev.forecourt.platform.events.CloudEvents;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka, at least once and in order per aggregate, and deletes them
 * once the broker has acknowledged them. Plain Java (a DataSource and a Producer) so it can be
 * tested with several instances at once.
 *
 * <p>Several relays may run (one per replica). Each locks a batch with {@code FOR UPDATE SKIP
 * LOCKED}, so no row is published by two relays at once. Order per aggregate: a relay publishes
 * an aggregate's rows only while they are the aggregate's oldest pending rows; as soon as an
 * older pending row of that aggregate is held by another relay, it leaves the rest for later.
 */
public final class OutboxRelay {

    private static final String LOCK_BATCH = "SELECT seq, aggregate_id, topic, payload, event_type FROM outbox_event"
            + " ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String PENDING_OF = "SELECT aggregate_id, seq FROM outbox_event"
            + " WHERE aggregate_id = ANY (?) ORDER BY aggregate_id, seq";
    private static final String DELETE = "DELETE FROM outbox_event WHERE seq = ANY (?)";

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final int batchSize;
    private final long ackTimeoutMillis;

    record Row(long seq, String aggregateId, String topic, byte[] payload, String type) {
    }

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, int batchSize, long ackTimeoutMillis) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.batchSize = batchSize;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    /**
     * Publishes one batch and returns how many events went out (0 when there was nothing this
     * relay could publish). On any failure nothing is deleted: the rows go out again later.
     */
    public int publishBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // Losing this commit in a crash only means publishing the batch again (at least once
                // is the promise), so it need not wait for the WAL flush that user writes wait for.
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL synchronous_commit = off");
                }
                List<Row> locked = lockBatch(c);
                List<Row> publishable = inAggregateOrder(c, locked);
                if (!publishable.isEmpty()) {
                    send(publishable);
                    delete(c, publishable);
                }
                c.commit();
                return publishable.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private List<Row> lockBatch(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(LOCK_BATCH)) {
            s.setInt(1, batchSize);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    // The payload's text as the driver received it (UTF-8): no String decoded and encoded again.
                    rows.add(new Row(r.getLong(1), r.getString(2), r.getString(3), r.getBytes(4), r.getString(5)));
                }
            }
        }
        return rows;
    }

    /** The locked rows that are each the oldest pending row of their aggregate not yet taken by us, in seq order. */
    private List<Row> inAggregateOrder(Connection c, List<Row> locked) throws SQLException {
        if (locked.isEmpty()) {
            return locked;
        }
        Map<Long, Row> mine = new LinkedHashMap<>();
        locked.forEach(r -> mine.put(r.seq(), r));
        Set<String> blocked = new HashSet<>();
        Set<Long> allowed = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(PENDING_OF)) {
            Array ids = c.createArrayOf("varchar", locked.stream().map(Row::aggregateId).distinct().toArray());
            s.setArray(1, ids);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String aggregate = r.getString(1);
                    long seq = r.getLong(2);
                    if (blocked.contains(aggregate)) {
                        continue;
                    }
                    if (mine.containsKey(seq)) {
                        allowed.add(seq);
                    } else {
                        blocked.add(aggregate); // an older (or interleaved) row is another relay's
                    }
                }
            }
        }
        return locked.stream().filter(r -> allowed.contains(r.seq())).toList();
    }

    private void send(List<Row> rows) throws Exception {
        // Fail the batch once, fast, when the broker is away (rather than once per record).
        for (String topic : rows.stream().map(Row::topic).distinct().toList()) {
            producer.partitionsFor(topic);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.aggregateId(), row.payload());
            record.headers().add("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            // The event's type beside the structured event, so that a consumer skips the types it does
            // not use without parsing them (EventBatches; a bulk import's events are ~40 kB each).
            record.headers().add(CloudEvents.TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private static void delete(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE)) {
            s.setArray(1, c.createArrayOf("bigint", rows.stream().map(Row::seq).toArray()));
            s.executeUpdate();
        }
    }
}
