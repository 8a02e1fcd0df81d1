package dev.forecourt.platform.events;

import java.util.regex.Pattern;

/**
 * A fact a service publishes: its versioned type (e.g. {@code forecourt.customer.registered.v1}),
 * the aggregate it is about (its id becomes the Kafka key and the CloudEvent subject, so one
 * aggregate's events stay in order), the store it belongs to, and its data. The data carries
 * ids and business facts only, never personal data (ARCHITECTURE.md, Events).
 */
public record DomainEvent(String type, String aggregateType, String aggregateId, String storeId, Object data) {

    private static final Pattern TYPE = Pattern.compile("forecourt\\.[a-z-]+\\.[a-z-]+(\\.[a-z-]+)*\\.v[0-9]+");

    public DomainEvent {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type must read forecourt.<service>.<what>.v<n>: " + type);
        }
    }
}
