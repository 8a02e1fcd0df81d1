package dev.forecourt.platform.outbox;

import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.LocalInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's guarantees against a real PostgreSQL and a real Kafka broker: order per
 * aggregate, nothing published twice by two relays running at once, nothing lost while Kafka
 * is unreachable, and the outbox emptied of what was published.
 */
class OutboxRelayTest {

    static final String DATABASE = "forecourt_platform_test";
    static PGSimpleDataSource dataSource;
    static final Pattern N = Pattern.compile("\"n\": *(\\d+)");

    String topic;

    @BeforeAll
    static void freshDatabaseWithThePlatformMigration() throws Exception {
        try (Connection admin = DriverManager.getConnection(LocalInfrastructure.jdbcUrl("postgres"),
                LocalInfrastructure.PG_ADMIN_USER, LocalInfrastructure.PG_ADMIN_PASSWORD);
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(LocalInfrastructure.jdbcUrl(DATABASE));
        dataSource.setUser(LocalInfrastructure.PG_ADMIN_USER);
        dataSource.setPassword(LocalInfrastructure.PG_ADMIN_PASSWORD);
        for (String migration : List.of("V1_1__platform_outbox_inbox.sql", "V1_2__outbox_payload_text.sql")) {
            try (InputStream sql = OutboxRelayTest.class.getResourceAsStream("/db/migration/" + migration);
                    Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @BeforeEach
    void ownTopic() {
        topic = "relay-test-" + UUID.randomUUID();
    }

    /** Writes events as Outbox.publish would: aggregate i gets payloads n = 0, 1, 2, ... in order. */
    void write(int aggregates, int perAggregate) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, topic, payload)"
                        + " VALUES (?, 'test', ?, 'forecourt.test.happened.v1', ?, ?)")) {
            for (int n = 0; n < perAggregate; n++) {
                for (int a = 0; a < aggregates; a++) {
                    UUID id = UUID.randomUUID();
                    s.setObject(1, id);
                    s.setString(2, "agg-" + a);
                    s.setString(3, topic);
                    s.setString(4, "{\"id\":\"" + id + "\",\"n\":" + n + "}");
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    static long pending() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM outbox_event")) {
            r.next();
            return r.getLong(1);
        }
    }

    static Producer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(OutboxRelayService.producerConfig(bootstrap), new StringSerializer(), new ByteArraySerializer());
    }

    static void drain(OutboxRelay relay) throws Exception {
        while (pending() > 0) {
            if (relay.publishBatch() == 0) {
                Thread.onSpinWait(); // rows held by the other relay: try again
            }
        }
    }

    /** Everything on the topic: per key, the n values in arrival order; asserts none is missing or doubled. */
    static Map<String, List<Integer>> readAll(KafkaEvents events, int expected) {
        List<KafkaEvents.Received> all = events.awaitCount(expected, Duration.ofSeconds(30));
        assertEquals(expected, all.size(), "every event exactly once");
        Map<String, List<Integer>> byKey = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (KafkaEvents.Received r : all) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            Matcher m = N.matcher(value);
            assertTrue(m.find(), value);
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Integer.parseInt(m.group(1)));
            ids.add(value.substring(value.indexOf("\"id\"")));
        }
        assertEquals(expected, ids.size(), "no event id twice");
        return byKey;
    }

    static void assertInOrder(Map<String, List<Integer>> byKey, int perAggregate) {
        byKey.forEach((key, ns) -> {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < perAggregate; i++) {
                expected.add(i);
            }
            assertEquals(expected, ns, "events of " + key + " in order");
        });
    }

    @Test
    void eventsOfOneAggregateArePublishedInOrderAndTheOutboxIsEmptied() throws Exception {
        try (KafkaEvents events = KafkaEvents.tail(topic); Producer<String, byte[]> producer = producer(LocalInfrastructure.KAFKA_BOOTSTRAP)) {
            write(10, 30);
            drain(new OutboxRelay(dataSource, producer, 37, 10_000));
            assertInOrder(readAll(events, 300), 30);
            assertEquals(0, pending());
        }
    }

    @Test
    void twoRelaysAtOnceNeverPublishAnEventTwiceNorOutOfOrder() throws Exception {
        try (KafkaEvents events = KafkaEvents.tail(topic);
                Producer<String, byte[]> p1 = producer(LocalInfrastructure.KAFKA_BOOTSTRAP);
                Producer<String, byte[]> p2 = producer(LocalInfrastructure.KAFKA_BOOTSTRAP)) {
            write(40, 50);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> a = pool.submit(() -> { drain(new OutboxRelay(dataSource, p1, 25, 10_000)); return null; });
                Future<?> b = pool.submit(() -> { drain(new OutboxRelay(dataSource, p2, 25, 10_000)); return null; });
                a.get();
                b.get();
            } finally {
                pool.shutdownNow();
            }
            assertInOrder(readAll(events, 2000), 50);
        }
    }

    @Test
    void whileKafkaIsUnreachableEventsWaitInTheOutboxAndAllGoOutAfterwards() throws Exception {
        try (KafkaEvents events = KafkaEvents.tail(topic)) {
            write(5, 4);
            try (Producer<String, byte[]> nowhere = producer("127.0.0.1:1")) {
                OutboxRelay cut = new OutboxRelay(dataSource, nowhere, 50, 3_000);
                assertThrows(Exception.class, cut::publishBatch);
            }
            assertEquals(20, pending(), "nothing lost, nothing deleted");
            try (Producer<String, byte[]> producer = producer(LocalInfrastructure.KAFKA_BOOTSTRAP)) {
                drain(new OutboxRelay(dataSource, producer, 50, 10_000));
            }
            assertInOrder(readAll(events, 20), 4);
        }
    }
}
