package dev.forecourt.customer.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A customer's one current lifecycle class (DOMAIN.md §1). Changes are restricted to the
 * transitions in {@link #next()} so that reports built on the class (base size, lost rate,
 * defeat rate) only ever see movements that happen in a real dealership.
 */
public enum LifecycleClass {
    POTENTIAL, INTENT, OWNER, OTHER_SOLD, OTHER_BRAND, DEFEATED, LOST;

    /** The classes this one may change to (including itself where a self-move means something). */
    public Set<LifecycleClass> next() {
        return switch (this) {
            // A contact can show intent, buy from us, turn out to own our brand or another brand,
            // or buy elsewhere / let a year pass (defeated). It cannot be LOST: only owners lapse.
            case POTENTIAL -> of(INTENT, OWNER, OTHER_SOLD, OTHER_BRAND, DEFEATED);
            // INTENT -> INTENT is a lead-grade change; intent can lapse back to POTENTIAL.
            case INTENT -> of(INTENT, OWNER, OTHER_SOLD, OTHER_BRAND, DEFEATED, POTENTIAL);
            // A defeated customer can come back with new intent or buy, be found to own a car
            // (ours bought elsewhere or another brand), or be downgraded to a plain contact.
            case DEFEATED -> of(INTENT, OWNER, OTHER_SOLD, OTHER_BRAND, POTENTIAL);
            // Owners of our brand bought elsewhere are conquest targets: intent, a purchase from
            // us, a switch to another brand, or a lost replacement deal.
            case OTHER_SOLD -> of(INTENT, OWNER, OTHER_BRAND, DEFEATED);
            // Owners of another brand: same options, or they buy our brand elsewhere.
            case OTHER_BRAND -> of(INTENT, OWNER, OTHER_SOLD, DEFEATED);
            // Once bought from us a customer stays in our base: another purchase keeps OWNER,
            // missing service visits makes them LOST. Never back to a prospect class.
            case OWNER -> of(OWNER, LOST);
            // A lost owner who comes back (service visit or purchase) is an OWNER again;
            // LOST -> LOST records the lost stage moving on (first-service, base, pool).
            case LOST -> of(OWNER, LOST);
        };
    }

    /**
     * The class two records of one person have together, when merged (DOMAIN.md is silent; decided
     * here): the person bought from us if either record says so (OWNER or LOST), and we know more
     * than "a contact" if either is past POTENTIAL; otherwise, and between two owners, the survivor
     * keeps its own. A merge combines what is known rather than moving the customer, so the result
     * need not be a transition {@link #canBecome} allows (a POTENTIAL survivor of a LOST owner).
     */
    public static LifecycleClass merged(LifecycleClass survivor, LifecycleClass merged) {
        if (merged.isOwner() && !survivor.isOwner()) {
            return merged;
        }
        if (survivor == POTENTIAL && merged != POTENTIAL) {
            return merged;
        }
        return survivor;
    }

    /** Bought from us: OWNER, or an owner who has stopped coming to the workshop (LOST). */
    public boolean isOwner() {
        return this == OWNER || this == LOST;
    }

    public boolean canBecome(LifecycleClass target) {
        return next().contains(target);
    }

    /** @throws IllegalTransitionException when {@link #canBecome} is false */
    public void requireCanBecome(LifecycleClass target) {
        if (!canBecome(target)) {
            throw new IllegalTransitionException(this, target);
        }
    }

    private static Set<LifecycleClass> of(LifecycleClass first, LifecycleClass... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** A lifecycle change the transition table does not allow. */
    public static final class IllegalTransitionException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final LifecycleClass from;
        private final LifecycleClass to;

        public IllegalTransitionException(LifecycleClass from, LifecycleClass to) {
            super("a " + from + " customer cannot become " + to + "; allowed: "
                    + from.next().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")));
            this.from = from;
            this.to = to;
        }

        public LifecycleClass from() {
            return from;
        }

        public LifecycleClass to() {
            return to;
        }
    }
}
