package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.forecourt.lead.domain.OverdueLevel.CONSULTANT;
import static dev.forecourt.lead.domain.OverdueLevel.MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OverdueRuleTest {

    private static final Instant DUE = Instant.parse("2026-11-23T02:00:00Z");
    private static final OverdueRule RULE = OverdueRule.defaults();

    @Test
    void defaultManagerDelayIsOneDay() {
        assertEquals(Duration.ofDays(1), RULE.managerDelay());
    }

    @Test
    void notOverdueBeforeDueTime() {
        assertEquals(List.of(), RULE.reached(DUE, DUE.minusNanos(1)));
        assertEquals(List.of(), RULE.reached(DUE, DUE.minus(Duration.ofDays(3))));
    }

    @Test
    void consultantIsFlaggedExactlyAtDueTime() {
        assertEquals(List.of(CONSULTANT), RULE.reached(DUE, DUE));
        assertEquals(List.of(CONSULTANT), RULE.reached(DUE, DUE.plusSeconds(1)));
        assertEquals(List.of(CONSULTANT), RULE.reached(DUE, DUE.plus(Duration.ofDays(1)).minusNanos(1)));
    }

    @Test
    void managerIsFlaggedExactlyOneDayLater() {
        assertEquals(List.of(CONSULTANT, MANAGER), RULE.reached(DUE, DUE.plus(Duration.ofDays(1))));
        assertEquals(List.of(CONSULTANT, MANAGER), RULE.reached(DUE, DUE.plus(Duration.ofDays(30))));
    }

    @Test
    void flagAt() {
        assertEquals(DUE, RULE.flagAt(CONSULTANT, DUE));
        assertEquals(Instant.parse("2026-11-24T02:00:00Z"), RULE.flagAt(MANAGER, DUE));
        OverdueRule fourHours = new OverdueRule(Duration.ofHours(4));
        assertEquals(Instant.parse("2026-11-23T06:00:00Z"), fourHours.flagAt(MANAGER, DUE));
        assertEquals(List.of(CONSULTANT), fourHours.reached(DUE, DUE.plus(Duration.ofHours(4)).minusNanos(1)));
        assertEquals(List.of(CONSULTANT, MANAGER), fourHours.reached(DUE, DUE.plus(Duration.ofHours(4))));
    }

    @Test
    void reachedAgreesWithFlagAt() {
        for (long minutes = -60; minutes <= 26 * 60; minutes += 30) {
            Instant now = DUE.plus(Duration.ofMinutes(minutes));
            List<OverdueLevel> reached = RULE.reached(DUE, now);
            for (OverdueLevel level : OverdueLevel.values()) {
                assertEquals(!now.isBefore(RULE.flagAt(level, DUE)), reached.contains(level), level + " at " + now);
            }
        }
    }

    @Test
    void zeroDelayTellsBothAtOnce() {
        OverdueRule now = new OverdueRule(Duration.ZERO);
        assertEquals(List.of(), now.reached(DUE, DUE.minusNanos(1)));
        assertEquals(List.of(CONSULTANT, MANAGER), now.reached(DUE, DUE));
    }

    @Test
    void rejectsNullOrNegativeDelay() {
        assertThrows(NullPointerException.class, () -> new OverdueRule(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OverdueRule(Duration.ofSeconds(-1)));
        assertEquals("managerDelay must not be negative, was PT-1S", e.getMessage());
    }
}
