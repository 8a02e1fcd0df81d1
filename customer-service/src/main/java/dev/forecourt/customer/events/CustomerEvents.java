package dev.forecourt.customer.events;

import java.util.List;
import java.util.UUID;

/**
 * What customer-service publishes on {@code customer-events}. Each type has a JSON Schema in
 * {@code src/main/resources/schemas/events/}; none carries personal data.
 */
public final class CustomerEvents {

    public static final String AGGREGATE = "customer";
    public static final String REGISTERED = "forecourt.customer.registered.v1";
    public static final String UPDATED = "forecourt.customer.updated.v1";

    public record Registered(UUID customerId, String storeId, String kind, String lifecycleClass, String sourceChannel) {
    }

    public record Updated(UUID customerId, String storeId, List<String> changedFields, long version) {
    }

    private CustomerEvents() {
    }
}
