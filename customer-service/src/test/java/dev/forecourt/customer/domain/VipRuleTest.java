package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VipRuleTest {

    private static final Instant NOW = Instant.parse("2025-06-30T08:00:00Z");
    private static final Instant YEAR_AGO = NOW.minus(Duration.ofDays(365));

    private static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void threeReferrals() {
        assertEquals(3, VipRule.REFERRALS);
    }

    @Test
    void threeWithinAYearQualify() {
        assertTrue(VipRule.qualifiesByReferrals(List.of(daysAgo(1), daysAgo(100), daysAgo(364)), NOW));
        assertTrue(VipRule.qualifiesByReferrals(List.of(daysAgo(1), daysAgo(2), daysAgo(3), daysAgo(4)), NOW));
    }

    @Test
    void twoDoNot() {
        assertFalse(VipRule.qualifiesByReferrals(List.of(daysAgo(1), daysAgo(2)), NOW));
        assertFalse(VipRule.qualifiesByReferrals(List.of(), NOW));
    }

    @Test
    void windowIncludesBothEnds() {
        assertTrue(VipRule.qualifiesByReferrals(List.of(YEAR_AGO, daysAgo(10), NOW), NOW));
        assertFalse(VipRule.qualifiesByReferrals(List.of(YEAR_AGO.minusNanos(1), daysAgo(10), NOW), NOW));
    }

    @Test
    void olderReferralsDoNotCount() {
        assertFalse(VipRule.qualifiesByReferrals(List.of(daysAgo(366), daysAgo(400), daysAgo(10), daysAgo(20)), NOW));
    }

    @Test
    void futureReferralsAreIgnored() {
        assertFalse(VipRule.qualifiesByReferrals(List.of(daysAgo(1), daysAgo(2), NOW.plusSeconds(1)), NOW));
        assertTrue(VipRule.qualifiesByReferrals(List.of(daysAgo(1), daysAgo(2), NOW, NOW.plusSeconds(1)), NOW));
    }

    @Test
    void duplicatesCountEachTime() {
        // Three referrals booked at the same moment are still three referrals.
        assertTrue(VipRule.qualifiesByReferrals(List.of(daysAgo(5), daysAgo(5), daysAgo(5)), NOW));
    }

    @Test
    void rejectsNulls() {
        assertThrows(NullPointerException.class, () -> VipRule.qualifiesByReferrals(null, NOW));
        assertThrows(NullPointerException.class, () -> VipRule.qualifiesByReferrals(List.of(), null));
    }
}
