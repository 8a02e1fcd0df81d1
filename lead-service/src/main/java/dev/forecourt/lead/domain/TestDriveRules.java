package dev.forecourt.lead.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The licence check before a test drive (DOMAIN.md §2: "licence checked"). The dealer is liable
 * for letting an unlicensed driver take a car out, so a missing, malformed or expired-by-the-day
 * licence stops the drive being booked.
 */
public final class TestDriveRules {

    /**
     * A mainland driving-licence number: the holder's 18-character ID-card number (17 digits and a
     * check character, a digit or X), or the 12-digit licence file number (档案编号).
     */
    private static final Pattern LICENCE_NUMBER = Pattern.compile("\\d{17}[\\dX]|\\d{12}");

    private TestDriveRules() {
    }

    /**
     * The first reason the drive may not go ahead, naming the field, or empty when it may.
     * The licence number is trimmed and a lower-case x accepted; the check character of an
     * ID-card number is not verified (the licence in hand is what the consultant checks).
     * A licence expiring on the drive date itself is still valid that day.
     */
    public static Optional<String> violation(String licenceNumber, LocalDate licenceExpiry, LocalDate driveDate) {
        if (licenceNumber == null || licenceNumber.isBlank()) {
            return Optional.of("licenceNumber: a driving licence number is required");
        }
        if (!isLicenceNumber(licenceNumber)) {
            return Optional.of("licenceNumber: must be the 18-character ID-card number (17 digits and a digit or X)"
                    + " or the 12-digit file number");
        }
        if (licenceExpiry == null) {
            return Optional.of("licenceExpiry: the licence expiry date is required");
        }
        if (driveDate == null) {
            return Optional.of("driveDate: the test drive date is required");
        }
        if (licenceExpiry.isBefore(driveDate)) {
            return Optional.of("licenceExpiry: the licence expires before the test drive");
        }
        return Optional.empty();
    }

    /** The longest slot a demonstration car is booked for. */
    public static final Duration LONGEST_SLOT = Duration.ofHours(4);

    /**
     * The first reason a slot cannot be booked, naming the field, or empty when it can: both ends
     * given, the end after the start, and no longer than {@link #LONGEST_SLOT}.
     */
    public static Optional<String> slotViolation(OffsetDateTime start, OffsetDateTime end) {
        if (start == null) {
            return Optional.of("slotStart: the start of the slot is required");
        }
        if (end == null) {
            return Optional.of("slotEnd: the end of the slot is required");
        }
        if (!end.isAfter(start)) {
            return Optional.of("slotEnd: must be after slotStart");
        }
        if (Duration.between(start, end).compareTo(LONGEST_SLOT) > 0) {
            return Optional.of("slotEnd: a slot is at most " + LONGEST_SLOT.toHours() + " hours");
        }
        return Optional.empty();
    }

    /** True for a plausibly shaped licence number (see {@link #violation}). */
    public static boolean isLicenceNumber(String licenceNumber) {
        return licenceNumber != null
                && LICENCE_NUMBER.matcher(licenceNumber.trim().toUpperCase(Locale.ROOT)).matches();
    }
}
