package dev.forecourt.lead.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A test drive's life: booked for a slot, then either driven (completed with the customer's
 * feedback) or cancelled, which frees the car's slot. Both ends are final.
 */
public enum TestDriveStatus {
    BOOKED, COMPLETED, CANCELLED;

    /** The moves allowed from this status. */
    public Set<TestDriveStatus> next() {
        return this == BOOKED ? EnumSet.of(COMPLETED, CANCELLED) : EnumSet.noneOf(TestDriveStatus.class);
    }

    /**
     * The status after moving to {@code to}.
     *
     * @throws IllegalStateException naming the allowed moves when this one is not among them
     */
    public TestDriveStatus moveTo(TestDriveStatus to) {
        if (!next().contains(to)) {
            throw new IllegalStateException("a " + this + " test drive cannot become " + to
                    + (next().isEmpty() ? " (it is final)" : "; allowed: " + next()));
        }
        return to;
    }

    /** True while the drive holds its car's slot. */
    public boolean holdsSlot() {
        return this != CANCELLED;
    }
}
