package dev.forecourt.lead.domain;

/**
 * Why a consultant asks to mark a lead defeated (战败, DOMAIN.md §2). Defeat analysis reports
 * these by model, consultant and competitor, so a competitor defeat must say which one.
 */
public enum DefeatReason {
    PRICE, COMPETITOR, FINANCE_REFUSED, NEED_GONE, LOST_CONTACT, OTHER;

    /** True when the request must name the competitor brand and model that won the sale. */
    public boolean needsCompetitor() {
        return this == COMPETITOR;
    }
}
