package dev.forecourt.customer.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What customer-service publishes on {@code customer-events} (and {@link #IMPORTED} on {@link #IMPORTS_TOPIC}). Each type has a JSON Schema in
 * {@code src/main/resources/schemas/events/}; none carries personal data (no name, phone,
 * email, ID number or address: a consumer that needs them asks customer-service).
 */
public final class CustomerEvents {

    public static final String AGGREGATE = "customer";
    public static final String VEHICLE = "vehicle";

    public static final String REGISTERED = "forecourt.customer.registered.v1";
    public static final String UPDATED = "forecourt.customer.updated.v1";
    public static final String CLASSIFIED = "forecourt.customer.classified.v1";
    public static final String VIP_CHANGED = "forecourt.customer.vip-changed.v1";
    public static final String TIER_CHANGED = "forecourt.customer.tier-changed.v1";
    public static final String MERGED = "forecourt.customer.merged.v1";
    public static final String MERGE_UNDONE = "forecourt.customer.merge-undone.v1";
    public static final String CONSENT_CHANGED = "forecourt.customer.consent-changed.v1";
    public static final String POINTS_MOVED = "forecourt.customer.points-moved.v1";
    public static final String POINTS_TRANSFERRED = "forecourt.customer.points-transferred.v1";
    public static final String CARE_TOUCHPOINT_DUE = "forecourt.customer.care-touchpoint-due.v1";
    public static final String VEHICLE_REGISTERED = "forecourt.customer.vehicle-registered.v1";
    public static final String VEHICLE_TRANSFERRED = "forecourt.customer.vehicle-transferred.v1";
    public static final String VEHICLE_UPDATED = "forecourt.customer.vehicle-updated.v1";
    public static final String IMPORTED = "forecourt.customer.imported.v1";
    /**
     * The topic of {@link #IMPORTED} events: a bulk import's customers (a million rows are 5,000 events,
     * 210 MB) go to a topic of their own, so that customer-events' consumers do not fetch them all.
     */
    public static final String IMPORTS_TOPIC = "customer-imports";

    public record Registered(UUID customerId, String storeId, String kind, String lifecycleClass, String sourceChannel) {
    }

    public record Updated(UUID customerId, String storeId, List<String> changedFields, long version) {
    }

    /** A lifecycle class change; {@code cause} is MANUAL or the type of the event that caused it. */
    public record Classified(UUID customerId, String storeId, String from, String to, String leadGrade,
                             String lostStage, String reason, String cause, long version) {
    }

    /** {@code basis}: REFERRALS (3 within a year) or MANAGER (with a reason, not published). */
    public record VipChanged(UUID customerId, String storeId, boolean vip, String basis) {
    }

    public record TierChanged(UUID customerId, String storeId, String from, String to) {
    }

    /** Re-point references from {@code mergedId} to {@code survivorId}. */
    public record Merged(UUID mergeId, UUID survivorId, UUID mergedId, String storeId) {
    }

    /** A merge was undone: references moved by it may point at {@code restoredId} again. */
    public record MergeUndone(UUID mergeId, UUID survivorId, UUID restoredId, String storeId) {
    }

    public record ConsentChanged(UUID customerId, String storeId, String channel, String purpose, boolean granted,
                                 String source, Instant occurredAt) {
    }

    /** {@code points} is signed (earn positive, redeem and expire negative); {@code balance} after the move. */
    public record PointsMoved(UUID customerId, String storeId, String kind, long points, long balance,
                              String causeType, String causeRef) {
    }

    /**
     * Points a merge ({@code cause} MERGE) or its undo (MERGE_UNDONE) moved between two records, one
     * event per side: {@code points} and {@code movements} (ledger rows) are signed from this
     * customer's view, {@code balance} is its balance after.
     */
    public record PointsTransferred(UUID customerId, String storeId, long points, long balance, int movements,
                                    UUID counterpartId, UUID mergeId, String cause) {
    }

    /** A care touchpoint (BIRTHDAY, or a holiday's name) for whatever sends messages, with the channels consented to. */
    public record CareTouchpointDue(UUID customerId, String storeId, String occasion, LocalDate day,
                                    List<String> channels) {
    }

    public record VehicleRegistered(UUID vehicleId, String vin, UUID customerId, String storeId, String brand,
                                    String series, String model, LocalDate purchaseDate, boolean soldByUs) {
    }

    public record VehicleTransferred(UUID vehicleId, String vin, UUID fromCustomerId, UUID toCustomerId, LocalDate on) {
    }

    /** The names of the fields that changed; their values are read from the vehicle. */
    public record VehicleUpdated(UUID vehicleId, String vin, UUID customerId, String storeId, List<String> fields,
                                 long version) {
    }

    /** One event per chunk of a bulk import (up to 1,000 customers), instead of one registered event each. */
    public record Imported(UUID jobId, String storeId, List<ImportedCustomer> customers) {
    }

    /** A customer an import created, with the vehicle it registered to them (if any). */
    public record ImportedCustomer(UUID customerId, String kind, String lifecycleClass, String sourceChannel,
                                   UUID vehicleId, String vin) {
    }

    private CustomerEvents() {
    }
}
