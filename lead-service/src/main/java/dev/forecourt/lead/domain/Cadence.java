package dev.forecourt.lead.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How often a lead of each grade must be followed up (DOMAIN.md §2). The grade sets the next
 * follow-up automatically, so a table with a missing grade or a zero interval would leave leads
 * without a due date or due immediately forever; {@link #of} refuses both.
 */
public final class Cadence {

    private final Map<LeadGrade, Duration> every;

    private Cadence(Map<LeadGrade, Duration> every) {
        this.every = every;
    }

    /**
     * A cadence from a configured table.
     *
     * @throws IllegalArgumentException naming the grade that is missing or has a zero, negative
     *                                  or null interval
     */
    public static Cadence of(Map<LeadGrade, Duration> every) {
        Objects.requireNonNull(every, "every");
        EnumMap<LeadGrade, Duration> copy = new EnumMap<>(LeadGrade.class);
        for (Map.Entry<LeadGrade, Duration> e : every.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("cadence has an interval for a null grade");
            }
            copy.put(e.getKey(), e.getValue());
        }
        for (LeadGrade g : LeadGrade.values()) {
            Duration d = copy.get(g);
            if (d == null) {
                throw new IllegalArgumentException("cadence has no interval for grade " + g);
            }
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("cadence interval for grade " + g + " must be positive, was " + d);
            }
        }
        return new Cadence(Collections.unmodifiableMap(copy));
    }

    /** The DOMAIN.md table: O weekly, H every 2 days, A weekly, B twice a month (15 days), C monthly (30 days). */
    public static Cadence defaults() {
        return of(Map.of(
                LeadGrade.O, Duration.ofDays(7),
                LeadGrade.H, Duration.ofDays(2),
                LeadGrade.A, Duration.ofDays(7),
                LeadGrade.B, Duration.ofDays(15),
                LeadGrade.C, Duration.ofDays(30)));
    }

    /** The longest a lead of grade {@code g} may go without a follow-up. */
    public Duration every(LeadGrade g) {
        return every.get(Objects.requireNonNull(g, "grade"));
    }

    /** When the next follow-up is due for a lead of grade {@code g} last followed up (or graded) at {@code from}. */
    public Instant nextDue(LeadGrade g, Instant from) {
        return Objects.requireNonNull(from, "from").plus(every(g));
    }

    /** The whole table, unmodifiable, in grade order (for display and configuration echo). */
    public Map<LeadGrade, Duration> asMap() {
        return every;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cadence other && every.equals(other.every);
    }

    @Override
    public int hashCode() {
        return every.hashCode();
    }

    @Override
    public String toString() {
        return "Cadence" + every;
    }
}
