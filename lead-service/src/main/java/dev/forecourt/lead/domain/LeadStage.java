package dev.forecourt.lead.domain;

import java.util.Objects;

/**
 * Where a lead is in the sales funnel (DOMAIN.md §2), plus the two defeat (战败) stages.
 *
 * <p>The funnel only moves forward: events can arrive late or twice (a quote recorded after the
 * test drive that preceded it), so {@link #advanceTo} ignores a move that would go back instead
 * of failing, and steps may be skipped (a walk-in who asks for a quote straight away).
 * Defeat is a two-step decision: a consultant requests it from any open stage, and only a
 * manager's approval makes it final; a manager sending it back restores the stage it was
 * requested from ({@link #returnFromDefeat}). DELIVERED and DEFEATED are final.
 */
public enum LeadStage {
    NEW(0), CONTACTED(1), TEST_DRIVE(2), QUOTED(3), ORDERED(4), DELIVERED(5),
    DEFEAT_REQUESTED(-1), DEFEATED(-1);

    private final int funnelOrder;

    LeadStage(int funnelOrder) {
        this.funnelOrder = funnelOrder;
    }

    /** Position in the funnel, NEW = 0 to DELIVERED = 5; -1 for the defeat stages, which are off the funnel. */
    public int funnelOrder() {
        return funnelOrder;
    }

    /** True for stages still worked by a consultant: everything but DELIVERED and DEFEATED. */
    public boolean isOpen() {
        return this != DELIVERED && this != DEFEATED;
    }

    /** True for the funnel stages NEW to DELIVERED. */
    public boolean isFunnel() {
        return funnelOrder >= 0;
    }

    /**
     * The stage after moving towards {@code to}.
     * <ul>
     *   <li>From an open funnel stage, a later funnel stage is taken (skipping is fine); the same
     *       or an earlier one returns this stage unchanged.</li>
     *   <li>DEFEAT_REQUESTED may be requested from any open funnel stage.</li>
     *   <li>DEFEATED only follows DEFEAT_REQUESTED (a manager's approval).</li>
     *   <li>A pending defeat request parks the lead until a manager decides: from DEFEAT_REQUESTED,
     *       DEFEATED (approval) is taken, a funnel stage returns DEFEAT_REQUESTED unchanged (a
     *       follow-up recorded meanwhile must not silently drop the request), and sending the
     *       request back is {@link #returnFromDefeat}.</li>
     *   <li>DELIVERED and DEFEATED are final: moving to themselves is a no-op, anything else fails.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for any move the rules above refuse
     */
    public LeadStage advanceTo(LeadStage to) {
        Objects.requireNonNull(to, "to");
        if (!isOpen()) {
            if (to == this) {
                return this;
            }
            throw new IllegalArgumentException("a " + this + " lead is closed and cannot move to " + to);
        }
        if (this == DEFEAT_REQUESTED) {
            if (to == DEFEATED) {
                return DEFEATED;
            }
            if (to == DEFEAT_REQUESTED) {
                throw new IllegalArgumentException("defeat has already been requested for this lead");
            }
            return this;
        }
        // An open funnel stage.
        return switch (to) {
            case DEFEAT_REQUESTED -> DEFEAT_REQUESTED;
            case DEFEATED -> throw new IllegalArgumentException(
                    "a " + this + " lead cannot be DEFEATED without a defeat request (DEFEAT_REQUESTED) first");
            default -> to.funnelOrder > funnelOrder ? to : this;
        };
    }

    /**
     * The stage after a manager sends a defeat request back: the open funnel stage the lead was in
     * when defeat was requested, so no funnel progress is lost.
     *
     * @throws IllegalArgumentException when this is not DEFEAT_REQUESTED, or {@code before} is not an
     *                                  open funnel stage (NEW to ORDERED)
     */
    public LeadStage returnFromDefeat(LeadStage before) {
        if (this != DEFEAT_REQUESTED) {
            throw new IllegalArgumentException("only a DEFEAT_REQUESTED lead can be returned, this one is " + this);
        }
        if (before == null || !before.isFunnel() || !before.isOpen()) {
            throw new IllegalArgumentException("a returned lead goes back to an open funnel stage (NEW to ORDERED), not "
                    + before);
        }
        return before;
    }
}
