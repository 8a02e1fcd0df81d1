package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PointsRulesTest {

    @Test
    void pointsExpireAtTheEndOfTheDayTheyWereEarnedTheConfiguredMonthsLater() {
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        assertEquals(java.time.Instant.parse("2028-01-15T16:00:00Z"), // midnight in Shanghai
                PointsRules.expiry(java.time.LocalDate.of(2026, 1, 15), 24, shanghai));
        // a month without that day: the month's last day
        assertEquals(java.time.Instant.parse("2026-03-01T00:00:00Z"),
                PointsRules.expiry(java.time.LocalDate.of(2025, 1, 31), 13, java.time.ZoneOffset.UTC));
    }

    @Test
    void expiredPointsNotCoveredByDebitsExpire() {
        // Earned 1000 (now expired) + 500 (still valid); redeemed 300: 700 of the old grant expire.
        assertEquals(700, PointsRules.expiring(1000, 300));
        assertEquals(1000, PointsRules.expiring(1000, 0));
        assertEquals(0, PointsRules.expiring(0, 0));
    }

    @Test
    void debitsBeyondTheExpiredPointsLeaveNothingToExpire() {
        assertEquals(0, PointsRules.expiring(1000, 1000));
        assertEquals(0, PointsRules.expiring(1000, 1200));
    }

    @Test
    void earlierExpiriesCountAsDebitsSoNothingExpiresTwice() {
        // Run 1: grant of 1000 expired, 300 redeemed -> 700 expire (booked as a debit).
        long debited = 300;
        long first = PointsRules.expiring(1000, debited);
        debited += first;
        // Run 2: a second grant of 400 has expired as well, 50 more redeemed meanwhile.
        debited += 50;
        assertEquals(350, PointsRules.expiring(1400, debited));
    }

    @Test
    void negativeTotalsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PointsRules.expiring(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> PointsRules.expiring(0, -1));
    }

    @Test
    void redemption() {
        assertEquals(Optional.empty(), PointsRules.redemptionViolation(500, 500));
        assertEquals(Optional.empty(), PointsRules.redemptionViolation(500, 1));
        assertEquals(Optional.of("balance is 500, cannot redeem 501"), PointsRules.redemptionViolation(500, 501));
        assertEquals(Optional.of("balance is 0, cannot redeem 1"), PointsRules.redemptionViolation(0, 1));
        assertEquals(Optional.of("points must be positive"), PointsRules.redemptionViolation(500, 0));
        assertEquals(Optional.of("points must be positive"), PointsRules.redemptionViolation(500, -10));
    }
}
