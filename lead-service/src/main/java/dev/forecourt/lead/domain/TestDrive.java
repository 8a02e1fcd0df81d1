package dev.forecourt.lead.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A test drive of a lead's customer (DOMAIN.md §2): the demonstration car and its slot, the route,
 * the licence checked before the drive, and the customer's feedback after it. The licence number
 * is personal data: sealed at rest, shown masked.
 */
@Entity
@Table(name = "test_drive")
public class TestDrive extends StoreOwnedEntity {

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "consultant_id")
    public String consultantId;

    /** The demonstration car: two drives of one car never overlap (exclusion constraint). */
    @Column(nullable = false)
    public String vin;

    public String brand;

    public String series;

    public String model;

    @Column(name = "slot_start", nullable = false)
    public Instant slotStart;

    @Column(name = "slot_end", nullable = false)
    public Instant slotEnd;

    public String route;

    /** AES-GCM envelope of the licence number (PiiCrypto). */
    @Column(name = "licence_enc", nullable = false)
    public byte[] licenceEnc;

    /** The licence number masked for display (first 3 and last 4). */
    @Column(name = "licence_masked", nullable = false)
    public String licenceMasked;

    @Column(name = "licence_expiry", nullable = false)
    public LocalDate licenceExpiry;

    /** A {@link TestDriveStatus} name. */
    @Column(nullable = false)
    public String status = TestDriveStatus.BOOKED.name();

    /** The customer's rating of the car, 1 to 5. */
    public Integer rating;

    public String feedback;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "cancel_reason")
    public String cancelReason;

    public TestDriveStatus statusValue() {
        return TestDriveStatus.valueOf(status);
    }
}
