package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CadenceTest {

    private static Map<LeadGrade, Duration> table() {
        Map<LeadGrade, Duration> m = new EnumMap<>(LeadGrade.class);
        for (LeadGrade g : LeadGrade.values()) {
            m.put(g, Duration.ofDays(g.rank()));
        }
        return m;
    }

    @Test
    void defaultsFollowDomainTable() {
        Cadence c = Cadence.defaults();
        assertEquals(Duration.ofDays(7), c.every(LeadGrade.O));
        assertEquals(Duration.ofDays(2), c.every(LeadGrade.H));
        assertEquals(Duration.ofDays(7), c.every(LeadGrade.A));
        assertEquals(Duration.ofDays(15), c.every(LeadGrade.B));
        assertEquals(Duration.ofDays(30), c.every(LeadGrade.C));
    }

    @Test
    void nextDueIsFromPlusInterval() {
        Instant from = Instant.parse("2026-11-23T02:15:00Z");
        Cadence c = Cadence.defaults();
        assertEquals(Instant.parse("2026-11-25T02:15:00Z"), c.nextDue(LeadGrade.H, from));
        assertEquals(Instant.parse("2026-11-30T02:15:00Z"), c.nextDue(LeadGrade.O, from));
        assertEquals(Instant.parse("2026-12-23T02:15:00Z"), c.nextDue(LeadGrade.C, from));
        for (LeadGrade g : LeadGrade.values()) {
            assertEquals(from.plus(c.every(g)), c.nextDue(g, from));
        }
    }

    @Test
    void configuredTableIsUsedAndCopied() {
        Map<LeadGrade, Duration> m = table();
        m.put(LeadGrade.H, Duration.ofHours(36));
        Cadence c = Cadence.of(m);
        m.put(LeadGrade.H, Duration.ofDays(99)); // later changes to the source do not leak in
        assertEquals(Duration.ofHours(36), c.every(LeadGrade.H));
        assertEquals(Duration.ofDays(1), c.every(LeadGrade.C));
        assertThrows(UnsupportedOperationException.class, () -> c.asMap().put(LeadGrade.C, Duration.ZERO));
        assertEquals(Cadence.defaults(), Cadence.of(Cadence.defaults().asMap()));
    }

    @Test
    void everyGradeMustBePresent() {
        for (LeadGrade g : LeadGrade.values()) {
            Map<LeadGrade, Duration> m = table();
            m.remove(g);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cadence.of(m));
            assertEquals("cadence has no interval for grade " + g, e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Cadence.of(Map.of()));
    }

    @Test
    void nullIntervalCountsAsMissing() {
        Map<LeadGrade, Duration> m = new HashMap<>(table());
        m.put(LeadGrade.A, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cadence.of(m));
        assertEquals("cadence has no interval for grade A", e.getMessage());
    }

    @Test
    void intervalsMustBePositive() {
        for (Duration bad : new Duration[]{Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(-7)}) {
            Map<LeadGrade, Duration> m = table();
            m.put(LeadGrade.B, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cadence.of(m));
            assertTrue(e.getMessage().startsWith("cadence interval for grade B must be positive"), e.getMessage());
        }
        Map<LeadGrade, Duration> m = table();
        m.put(LeadGrade.B, Duration.ofNanos(1));
        assertEquals(Duration.ofNanos(1), Cadence.of(m).every(LeadGrade.B));
    }

    @Test
    void nullGradeKeyIsRejected() {
        Map<LeadGrade, Duration> m = new HashMap<>(table());
        m.put(null, Duration.ofDays(1));
        assertThrows(IllegalArgumentException.class, () -> Cadence.of(m));
    }
}
