package dev.forecourt.lead.service;

import dev.forecourt.lead.config.LeadSettings;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadStage;
import dev.forecourt.lead.domain.TestDrive;
import dev.forecourt.lead.domain.TestDriveRules;
import dev.forecourt.lead.domain.TestDriveStatus;
import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.pii.Masking;
import dev.forecourt.platform.pii.PiiCrypto;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Test drives (DOMAIN.md §2): booked for a demonstration car and slot once the driving licence
 * passes {@link TestDriveRules}, then completed with the customer's feedback (the lead reaches
 * TEST_DRIVE) or cancelled, which frees the slot. Each move publishes test-drive-changed.
 */
@ApplicationScoped
public class TestDrives {

    /** PiiCrypto context of the sealed licence number. */
    public static final String LICENCE = "test-drive.licence";

    @Inject
    LeadDesk desk;

    @Inject
    FollowUps followUps;

    @Inject
    CurrentUser user;

    @Inject
    PiiCrypto crypto;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    LeadSettings settings;

    public record Booking(String vin, String brand, String series, String model, OffsetDateTime slotStart,
                          OffsetDateTime slotEnd, String route, String licenceNumber, LocalDate licenceExpiry) {
    }

    @Transactional
    public TestDrive book(UUID leadId, Booking b) {
        Lead lead = desk.get(leadId);
        desk.requireWorkable(lead, "a test drive");
        String car = Vins.checked("vin", b.vin());
        refuse(TestDriveRules.slotViolation(b.slotStart(), b.slotEnd()), "slot");
        // The licence must be valid on the last day the drive touches, in the group's time zone
        // (whatever offset the client wrote the slot in).
        refuse(TestDriveRules.violation(b.licenceNumber(), b.licenceExpiry(),
                b.slotEnd().atZoneSameInstant(settings.zone()).toLocalDate()), "licence");
        Instant start = b.slotStart().toInstant();
        Instant end = b.slotEnd().toInstant();
        // Named here for a clear answer; the exclusion constraint still settles two bookings racing for the slot.
        TestDrive.<TestDrive>find("vin = ?1 and status <> 'CANCELLED' and slotStart < ?3 and slotEnd > ?2", car, start, end)
                .firstResultOptional().ifPresent(other -> {
                    // Another store's booking is not the caller's to see: only that the car is taken.
                    throw ProblemException.conflict(other.storeId.equals(lead.storeId)
                            ? "car " + car + " is booked from " + other.slotStart + " to " + other.slotEnd
                              + " (test drive " + other.id + ")"
                            : "car " + car + " is booked for part of that slot");
                });
        String licence = b.licenceNumber().trim().toUpperCase(Locale.ROOT);
        TestDrive d = new TestDrive();
        d.id = UUID.randomUUID();
        d.storeId = lead.storeId;
        d.leadId = lead.id;
        d.consultantId = lead.consultantId;
        d.vin = car;
        d.brand = b.brand() == null ? lead.brand : b.brand();
        d.series = b.series() == null ? lead.series : b.series();
        d.model = b.model() == null ? lead.model : b.model();
        d.slotStart = start;
        d.slotEnd = end;
        d.route = b.route();
        d.licenceEnc = crypto.seal(licence, LICENCE);
        d.licenceMasked = Masking.idNumber(licence);
        d.licenceExpiry = b.licenceExpiry();
        d.createdAt = clock.instant();
        d.persist();
        published(d, null);
        return d;
    }

    /** The drive happened: the customer's rating and words; the lead reaches TEST_DRIVE and counts as contacted. */
    @Transactional
    public TestDrive complete(UUID id, int rating, String feedback) {
        TestDrive d = get(id);
        TestDriveStatus from = move(d, TestDriveStatus.COMPLETED);
        Instant now = clock.instant();
        d.rating = rating;
        d.feedback = feedback;
        d.completedAt = now;
        Lead lead = Lead.findById(d.leadId);
        if (lead.stageValue().isOpen()) {
            followUps.contacted(lead, LeadStage.TEST_DRIVE, now);
        }
        published(d, from);
        return d;
    }

    @Transactional
    public TestDrive cancel(UUID id, String reason) {
        TestDrive d = get(id);
        TestDriveStatus from = move(d, TestDriveStatus.CANCELLED);
        d.cancelReason = reason;
        published(d, from);
        return d;
    }

    @Transactional
    public TestDrive get(UUID id) {
        return desk.visible(TestDrive.<TestDrive>findById(id), d -> d.storeId, d -> d.consultantId, "test drive", id);
    }

    @Transactional
    public List<TestDrive> of(UUID leadId) {
        Lead lead = desk.get(leadId);
        return TestDrive.list("leadId = ?1 order by slotStart, id", lead.id);
    }

    private static void refuse(Optional<String> violation, String rule) {
        violation.ifPresent(v -> {
            int colon = v.indexOf(": ");
            throw ProblemException.invalid(v.substring(0, colon), rule, v.substring(colon + 2));
        });
    }

    private static TestDriveStatus move(TestDrive d, TestDriveStatus to) {
        TestDriveStatus from = d.statusValue();
        try {
            d.status = from.moveTo(to).name();
        } catch (IllegalStateException e) {
            throw ProblemException.conflict(e.getMessage());
        }
        return from;
    }

    private void published(TestDrive d, TestDriveStatus from) {
        outbox.publish(new DomainEvent(LeadEvents.TEST_DRIVE_CHANGED, LeadEvents.TEST_DRIVE_AGGREGATE, d.id.toString(),
                d.storeId, new LeadEvents.TestDriveChanged(d.id, d.leadId, d.storeId, d.consultantId, d.brand, d.series,
                d.model, d.slotStart, d.slotEnd, from == null ? null : from.name(), d.status, d.rating)));
    }
}
