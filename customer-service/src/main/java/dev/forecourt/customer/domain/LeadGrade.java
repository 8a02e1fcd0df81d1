package dev.forecourt.customer.domain;

/**
 * Lead grade carried by an {@link LifecycleClass#INTENT} customer, highest first:
 * O = ordered, then H, A, B, C by falling likelihood / nearness of purchase.
 * Declaration order is the ranking, so do not reorder the constants.
 */
public enum LeadGrade {
    O, H, A, B, C;

    /** True when this grade ranks strictly above {@code other}. */
    public boolean higherThan(LeadGrade other) {
        return ordinal() < other.ordinal();
    }
}
