package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DefeatReasonTest {

    @Test
    void onlyCompetitorNeedsACompetitor() {
        for (DefeatReason r : DefeatReason.values()) {
            assertEquals(r == DefeatReason.COMPETITOR, r.needsCompetitor(), r.name());
        }
    }

    @Test
    void reasonsAndDecisionsMatchDomain() {
        assertArrayEquals(new DefeatReason[]{DefeatReason.PRICE, DefeatReason.COMPETITOR, DefeatReason.FINANCE_REFUSED,
                DefeatReason.NEED_GONE, DefeatReason.LOST_CONTACT, DefeatReason.OTHER}, DefeatReason.values());
        assertArrayEquals(new DefeatDecision[]{DefeatDecision.APPROVE, DefeatDecision.RETURN}, DefeatDecision.values());
    }
}
