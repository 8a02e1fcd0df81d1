package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestDriveRulesTest {

    private static final LocalDate DRIVE = LocalDate.of(2026, 11, 23);
    private static final LocalDate VALID_UNTIL = LocalDate.of(2032, 5, 1);
    private static final String NUMBER_FORMAT = "licenceNumber: must be the 18-character ID-card number"
            + " (17 digits and a digit or X) or the 12-digit file number";

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "11010519491231002x", "110105194912310021", " 11010519491231002X ",
            "440300123456"})
    void acceptsIdCardAndFileNumbers(String number) {
        assertEquals(Optional.empty(), TestDriveRules.violation(number, VALID_UNTIL, DRIVE));
        assertTrue(TestDriveRules.isLicenceNumber(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1101051949123100", "11010519491231002XX", "X10105194912310021", "11010519491231002Y",
            "1101051949 231002X", "44030012345", "4403001234567", "44030012345X", "粤B12345", "ABCDEFGHIJKL",
            "１１０１０５１９４９１２３１００２Ｘ"})
    void rejectsMalformedNumbers(String number) {
        assertEquals(Optional.of(NUMBER_FORMAT), TestDriveRules.violation(number, VALID_UNTIL, DRIVE));
        assertFalse(TestDriveRules.isLicenceNumber(number));
    }

    @Test
    void numberIsRequired() {
        String required = "licenceNumber: a driving licence number is required";
        assertEquals(Optional.of(required), TestDriveRules.violation(null, VALID_UNTIL, DRIVE));
        assertEquals(Optional.of(required), TestDriveRules.violation("", VALID_UNTIL, DRIVE));
        assertEquals(Optional.of(required), TestDriveRules.violation("   ", VALID_UNTIL, DRIVE));
        assertFalse(TestDriveRules.isLicenceNumber(null));
    }

    @Test
    void expiryIsRequired() {
        assertEquals(Optional.of("licenceExpiry: the licence expiry date is required"),
                TestDriveRules.violation("11010519491231002X", null, DRIVE));
    }

    @Test
    void driveDateIsRequired() {
        assertEquals(Optional.of("driveDate: the test drive date is required"),
                TestDriveRules.violation("11010519491231002X", VALID_UNTIL, null));
    }

    @Test
    void licenceMustNotExpireBeforeTheDrive() {
        assertEquals(Optional.of("licenceExpiry: the licence expires before the test drive"),
                TestDriveRules.violation("11010519491231002X", DRIVE.minusDays(1), DRIVE));
        // Valid on its last day.
        assertEquals(Optional.empty(), TestDriveRules.violation("11010519491231002X", DRIVE, DRIVE));
        assertEquals(Optional.empty(), TestDriveRules.violation("11010519491231002X", DRIVE.plusDays(1), DRIVE));
    }

    @Test
    void reportsTheNumberFirst() {
        assertEquals(Optional.of(NUMBER_FORMAT), TestDriveRules.violation("123", null, null));
    }

    private static final OffsetDateTime TEN = OffsetDateTime.parse("2026-11-25T10:00:00+08:00");

    @Test
    void aSlotOfUpToFourHoursAfterItsStartMayBeBooked() {
        assertEquals(Optional.empty(), TestDriveRules.slotViolation(TEN, TEN.plusMinutes(30)));
        assertEquals(Optional.empty(), TestDriveRules.slotViolation(TEN, TEN.plusHours(4)));
    }

    @Test
    void aSlotMustEndAfterItStartsAndLastAtMostFourHours() {
        assertEquals(Optional.of("slotEnd: must be after slotStart"), TestDriveRules.slotViolation(TEN, TEN));
        assertEquals(Optional.of("slotEnd: must be after slotStart"), TestDriveRules.slotViolation(TEN, TEN.minusMinutes(1)));
        assertEquals(Optional.of("slotEnd: a slot is at most 4 hours"),
                TestDriveRules.slotViolation(TEN, TEN.plusHours(4).plusMinutes(1)));
        assertEquals(Optional.of("slotStart: the start of the slot is required"), TestDriveRules.slotViolation(null, TEN));
        assertEquals(Optional.of("slotEnd: the end of the slot is required"), TestDriveRules.slotViolation(TEN, null));
    }

    @Test
    void slotEndsInDifferentOffsetsCompareAsInstants() {
        // 10:00 in Shanghai is 02:00 UTC: an end at 03:00 UTC is an hour later, not seven hours earlier.
        assertEquals(Optional.empty(), TestDriveRules.slotViolation(TEN, OffsetDateTime.parse("2026-11-25T03:00:00Z")));
    }
}
