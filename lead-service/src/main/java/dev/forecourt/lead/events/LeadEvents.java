package dev.forecourt.lead.events;

import java.util.UUID;

/** What lead-service publishes on {@code lead-events} (schemas in src/main/resources/schemas/events/). */
public final class LeadEvents {

    public static final String AGGREGATE = "lead";
    public static final String CAPTURED = "forecourt.lead.captured.v1";

    public record Captured(UUID leadId, String storeId, UUID customerId, String source, String grade, String consultantId) {
    }

    private LeadEvents() {
    }
}
