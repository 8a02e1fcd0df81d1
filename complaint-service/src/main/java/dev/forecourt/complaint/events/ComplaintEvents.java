package dev.forecourt.complaint.events;

import java.time.Instant;
import java.util.UUID;

/** What complaint-service publishes on {@code complaint-events} (schemas in src/main/resources/schemas/events/). */
public final class ComplaintEvents {

    public static final String COMPLAINT = "complaint";
    public static final String OPENED = "forecourt.complaint.opened.v1";

    public record Opened(UUID complaintId, String storeId, UUID customerId, String channel, String category,
                         Instant acknowledgeBy, Instant resolveBy) {
    }

    private ComplaintEvents() {
    }
}
