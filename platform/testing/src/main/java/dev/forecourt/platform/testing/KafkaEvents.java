package dev.forecourt.platform.testing;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads what really arrived on a Kafka topic, from the moment it was opened: open it before
 * the action, then await the events the action should have caused.
 */
public final class KafkaEvents implements AutoCloseable {

    /** One record as it arrived: its key, raw value, when it was read, and the parsed CloudEvent. */
    public record Received(String key, byte[] value, Map<String, String> headers, Instant receivedAt, CloudEvent event) {

        /** The event's data as JSON. */
        public com.fasterxml.jackson.databind.JsonNode data() {
            try {
                return JSON.readTree(event.getData().toBytes());
            } catch (java.io.IOException e) {
                throw new AssertionError("event data is not JSON", e);
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new ArrayList<>();

    private KafkaEvents(String bootstrap, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> partitions = null;
        Instant deadline = Instant.now().plusSeconds(20);
        while ((partitions == null || partitions.isEmpty()) && Instant.now().isBefore(deadline)) {
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException brokerStillStarting) {
                partitions = null;
            }
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions on " + bootstrap);
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(consumer::position); // fix the starting point now, before the action
    }

    /** Starts reading a topic of the local broker from its current end. */
    public static KafkaEvents tail(String topic) {
        return tail(LocalInfrastructure.KAFKA_BOOTSTRAP, topic);
    }

    public static KafkaEvents tail(String bootstrap, String topic) {
        return new KafkaEvents(bootstrap, topic);
    }

    /** Moves the read position back to what arrived in the last {@code window} (for events that may already be there). */
    public void rewind(Duration window) {
        long since = Instant.now().minus(window).toEpochMilli();
        Map<TopicPartition, Long> query = new java.util.HashMap<>();
        consumer.assignment().forEach(tp -> query.put(tp, since));
        consumer.offsetsForTimes(query, Duration.ofSeconds(10)).forEach((tp, offset) -> {
            if (offset != null) {
                consumer.seek(tp, offset.offset());
            }
        });
    }

    /** Sends one record to the local broker and waits for its acknowledgement (for feeding consumers in tests). */
    public static void send(String topic, String key, byte[] value) {
        send(topic, key, value, Map.of());
    }

    /** Sends a structured CloudEvent with the content-type header the outbox relay sets. */
    public static void sendCloudEvent(String topic, String key, byte[] event) {
        send(topic, key, event, Map.of("content-type", "application/cloudevents+json"));
    }

    public static void send(String topic, String key, byte[] value, Map<String, String> headers) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.KAFKA_BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** Waits for the first event matching the condition (polling the broker, not sleeping). */
    public Received await(Predicate<Received> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (Received r : received) {
                if (condition.test(r)) {
                    return r;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching event within " + timeout + "; saw " + received.size() + " others");
            }
            poll(Duration.ofMillis(100));
        }
    }

    /** Waits until at least this many records have arrived, and returns them all. */
    public List<Received> awaitCount(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (received.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("only " + received.size() + " of " + count + " records within " + timeout);
            }
            poll(Duration.ofMillis(100));
        }
        return all();
    }

    /** Waits for an event of this type about this subject. */
    public Received awaitEvent(String type, String subject, Duration timeout) {
        return await(r -> r.event() != null && type.equals(r.event().getType()) && subject.equals(r.event().getSubject()),
                timeout);
    }

    /** Everything read so far (polling once more first). */
    public List<Received> all() {
        poll(Duration.ofMillis(200));
        return List.copyOf(received);
    }

    private void poll(Duration duration) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(duration)) {
            CloudEvent event;
            try {
                event = FORMAT.deserialize(record.value());
            } catch (RuntimeException notACloudEvent) {
                event = null;
            }
            Map<String, String> headers = new java.util.HashMap<>();
            record.headers().forEach(h -> headers.put(h.key(), h.value() == null ? null
                    : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
            received.add(new Received(record.key(), record.value(), headers, Instant.now(), event));
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
