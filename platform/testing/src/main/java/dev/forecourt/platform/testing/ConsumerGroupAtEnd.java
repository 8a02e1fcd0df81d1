package dev.forecourt.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Gives a consumer channel under test a consumer group of its own whose offsets are committed
 * at the topic's current end before the application starts: the test sees exactly the events
 * it sends, however much history the shared local broker holds, and with no race against the
 * consumer's partition assignment.
 *
 * <pre>{@code @QuarkusTestResource(value = ConsumerGroupAtEnd.class, initArgs = {
 *     @ResourceArg(name = "channel", value = "customer-events"), @ResourceArg(name = "topic", value = "customer-events")})}</pre>
 */
public class ConsumerGroupAtEnd implements QuarkusTestResourceLifecycleManager {

    private String channel;
    private String topic;

    @Override
    public void init(Map<String, String> initArgs) {
        channel = initArgs.get("channel");
        topic = initArgs.getOrDefault("topic", channel);
    }

    @Override
    public Map<String, String> start() {
        String group = channel + "-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.KAFKA_BOOTSTRAP))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> query = new HashMap<>();
            description.partitions().forEach(p -> query.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(query).all().get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not prepare consumer group for " + topic + ": "
                    + LocalInfrastructure.HOW_TO_START, e);
        }
        return Map.of("mp.messaging.incoming." + channel + ".group.id", group);
    }

    @Override
    public void stop() {
        // the group is left; Kafka expires empty groups' offsets on its own
    }
}
