package dev.forecourt.lead.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What lead-service publishes on {@code lead-events} (schemas in src/main/resources/schemas/events/).
 * customer-service consumes upgraded, downgraded, defeated and vehicle-delivered: their fields are
 * a contract (amounts travel as decimal strings, dates as yyyy-mm-dd). No personal data.
 */
public final class LeadEvents {

    public static final String AGGREGATE = "lead";
    public static final String ORDER_AGGREGATE = "sales-order";
    public static final String TEST_DRIVE_AGGREGATE = "test-drive";
    public static final String CAPTURED = "forecourt.lead.captured.v1";
    public static final String CUSTOMER_LINKED = "forecourt.lead.customer-linked.v1";
    public static final String UPGRADED = "forecourt.lead.upgraded.v1";
    public static final String DOWNGRADED = "forecourt.lead.downgraded.v1";
    public static final String ASSIGNED = "forecourt.lead.assigned.v1";
    public static final String FOLLOW_UP_OVERDUE = "forecourt.lead.follow-up-overdue.v1";
    public static final String DEFEAT_REQUESTED = "forecourt.lead.defeat-requested.v1";
    public static final String DEFEATED = "forecourt.lead.defeated.v1";
    public static final String ORDER_CHANGED = "forecourt.lead.order-changed.v1";
    public static final String TEST_DRIVE_CHANGED = "forecourt.lead.test-drive-changed.v1";
    public static final String VEHICLE_DELIVERED = "forecourt.lead.vehicle-delivered.v1";

    public record Captured(UUID leadId, String storeId, UUID customerId, String source, String grade, String consultantId) {
    }

    public record CustomerLinked(UUID leadId, String storeId, UUID customerId) {
    }

    /** Upgraded and downgraded alike. */
    public record Graded(UUID leadId, UUID customerId, String storeId, String from, String to, String reason) {
    }

    public record Assigned(UUID leadId, String storeId, String consultantId, String previousConsultantId, String reason) {
    }

    /** A follow-up not done by its due time, flagged to the consultant, and a day later to the sales manager. */
    public record FollowUpOverdue(UUID leadId, String storeId, String consultantId, String grade, Instant dueAt,
                                  String level) {
    }

    public record DefeatRequested(UUID leadId, String storeId, String consultantId, String reason, String competitor) {
    }

    public record Defeated(UUID leadId, UUID customerId, String storeId, String reason, String competitor,
                           String consultantId) {
    }

    /** Booked (from null), completed with the customer's rating, or cancelled. The licence never travels. */
    public record TestDriveChanged(UUID testDriveId, UUID leadId, String storeId, String consultantId, String brand,
                                   String series, String model, Instant slotStart, Instant slotEnd, String from,
                                   String to, Integer rating) {
    }

    public record Money(String amount, String currency) {
    }

    public record OrderChanged(UUID orderId, UUID leadId, String storeId, String from, String to, String reason) {
    }

    public record VehicleDelivered(UUID orderId, UUID leadId, UUID customerId, String storeId, String consultantId,
                                   String vin, Money price, LocalDate deliveredOn, String brand, String series,
                                   String model, UUID referrerCustomerId) {
    }

    private LeadEvents() {
    }
}
