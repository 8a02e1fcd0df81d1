package dev.forecourt.lead.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * A lead's grade (DOMAIN.md §2), highest first: O = ordered (deposit paid), then H, A, B, C by
 * falling nearness of purchase. The grade drives the follow-up {@link Cadence} and "lead
 * upgraded" events, so comparisons go through {@link #rank()} rather than the declaration order.
 */
public enum LeadGrade {
    O(5), H(4), A(3), B(2), C(1);

    /** A deposit of at least this many CNY turns a lead into an order (grade O). */
    public static final BigDecimal ORDER_DEPOSIT = new BigDecimal("5000");

    private final int rank;

    LeadGrade(int rank) {
        this.rank = rank;
    }

    /** 5 for O down to 1 for C: higher is closer to a sale. */
    public int rank() {
        return rank;
    }

    /** True when this grade ranks strictly above {@code other}, i.e. moving to it is an upgrade. */
    public boolean isAbove(LeadGrade other) {
        return rank > other.rank;
    }

    /** The grade named by {@code s} (trimmed, any case), or empty for null, blank or unknown text. */
    public static Optional<LeadGrade> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String name = s.trim().toUpperCase(Locale.ROOT);
        for (LeadGrade g : values()) {
            if (g.name().equals(name)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /**
     * The grade after a deposit is recorded: O once the deposit reaches {@link #ORDER_DEPOSIT},
     * otherwise {@code current} unchanged. A smaller (or no, {@code null}) deposit never changes
     * the grade: it is only an order once the customer has committed that much money.
     */
    public static LeadGrade forDeposit(BigDecimal depositCny, LeadGrade current) {
        if (depositCny != null && depositCny.compareTo(ORDER_DEPOSIT) >= 0) {
            return O;
        }
        return current;
    }
}
