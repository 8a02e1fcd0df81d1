package dev.forecourt.lead.domain;

/**
 * A sales manager's answer to a defeat request: APPROVE makes the lead DEFEATED, RETURN sends it
 * back to the consultant at the stage it was in ({@link LeadStage#returnFromDefeat}).
 */
public enum DefeatDecision {
    APPROVE, RETURN
}
