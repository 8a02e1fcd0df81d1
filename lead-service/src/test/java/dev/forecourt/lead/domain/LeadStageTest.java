package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.forecourt.lead.domain.LeadStage.CONTACTED;
import static dev.forecourt.lead.domain.LeadStage.DEFEATED;
import static dev.forecourt.lead.domain.LeadStage.DEFEAT_REQUESTED;
import static dev.forecourt.lead.domain.LeadStage.DELIVERED;
import static dev.forecourt.lead.domain.LeadStage.NEW;
import static dev.forecourt.lead.domain.LeadStage.ORDERED;
import static dev.forecourt.lead.domain.LeadStage.QUOTED;
import static dev.forecourt.lead.domain.LeadStage.TEST_DRIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeadStageTest {

    private static final List<LeadStage> FUNNEL = List.of(NEW, CONTACTED, TEST_DRIVE, QUOTED, ORDERED, DELIVERED);
    private static final List<LeadStage> OPEN_FUNNEL = List.of(NEW, CONTACTED, TEST_DRIVE, QUOTED, ORDERED);

    @Test
    void funnelOrder() {
        for (int i = 0; i < FUNNEL.size(); i++) {
            assertEquals(i, FUNNEL.get(i).funnelOrder(), FUNNEL.get(i).name());
            assertTrue(FUNNEL.get(i).isFunnel());
        }
        assertEquals(-1, DEFEAT_REQUESTED.funnelOrder());
        assertEquals(-1, DEFEATED.funnelOrder());
        assertFalse(DEFEAT_REQUESTED.isFunnel());
        assertFalse(DEFEATED.isFunnel());
    }

    @Test
    void openIsEverythingButDeliveredAndDefeated() {
        for (LeadStage s : LeadStage.values()) {
            assertEquals(s != DELIVERED && s != DEFEATED, s.isOpen(), s.name());
        }
        assertTrue(DEFEAT_REQUESTED.isOpen());
    }

    @Test
    void advancingForwardTakesTheLaterStageIncludingSkips() {
        for (LeadStage from : OPEN_FUNNEL) {
            for (LeadStage to : FUNNEL) {
                LeadStage expected = to.funnelOrder() > from.funnelOrder() ? to : from;
                assertSame(expected, from.advanceTo(to), from + " -> " + to);
            }
        }
        assertSame(QUOTED, NEW.advanceTo(QUOTED));
        assertSame(DELIVERED, NEW.advanceTo(DELIVERED));
        assertSame(DELIVERED, ORDERED.advanceTo(DELIVERED));
    }

    @Test
    void advancingNeverGoesBackAndIsIdempotent() {
        assertSame(QUOTED, QUOTED.advanceTo(CONTACTED));
        assertSame(QUOTED, QUOTED.advanceTo(NEW));
        assertSame(QUOTED, QUOTED.advanceTo(QUOTED));
        assertSame(ORDERED, ORDERED.advanceTo(TEST_DRIVE));
        assertSame(TEST_DRIVE, NEW.advanceTo(TEST_DRIVE).advanceTo(TEST_DRIVE).advanceTo(CONTACTED));
    }

    @Test
    void defeatCanBeRequestedFromEveryOpenFunnelStage() {
        for (LeadStage from : OPEN_FUNNEL) {
            assertSame(DEFEAT_REQUESTED, from.advanceTo(DEFEAT_REQUESTED), from.name());
        }
    }

    @Test
    void defeatCannotBeRequestedTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DEFEAT_REQUESTED.advanceTo(DEFEAT_REQUESTED));
        assertEquals("defeat has already been requested for this lead", e.getMessage());
    }

    @Test
    void defeatedOnlyFromARequest() {
        assertSame(DEFEATED, DEFEAT_REQUESTED.advanceTo(DEFEATED));
        for (LeadStage from : OPEN_FUNNEL) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from.advanceTo(DEFEATED));
            assertEquals("a " + from + " lead cannot be DEFEATED without a defeat request (DEFEAT_REQUESTED) first",
                    e.getMessage());
        }
    }

    @Test
    void pendingRequestParksTheFunnelUntilAManagerDecides() {
        // A follow-up recorded while the request is pending must not drop the request.
        for (LeadStage to : FUNNEL) {
            assertSame(DEFEAT_REQUESTED, DEFEAT_REQUESTED.advanceTo(to), to.name());
        }
        assertSame(CONTACTED, DEFEAT_REQUESTED.advanceTo(CONTACTED).returnFromDefeat(CONTACTED));
    }

    @ParameterizedTest
    @EnumSource(value = LeadStage.class, names = {"DELIVERED", "DEFEATED"})
    void closedStagesCannotBeLeft(LeadStage closed) {
        assertSame(closed, closed.advanceTo(closed)); // a repeated event is harmless
        for (LeadStage to : LeadStage.values()) {
            if (to != closed) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> closed.advanceTo(to));
                assertEquals("a " + closed + " lead is closed and cannot move to " + to, e.getMessage());
            }
        }
    }

    @Test
    void returnGoesBackToTheStageBeforeTheRequest() {
        for (LeadStage before : OPEN_FUNNEL) {
            LeadStage requested = before.advanceTo(DEFEAT_REQUESTED);
            assertSame(before, requested.returnFromDefeat(before));
        }
        // After a return the funnel carries on, and defeat can be requested again.
        LeadStage back = QUOTED.advanceTo(DEFEAT_REQUESTED).returnFromDefeat(QUOTED);
        assertSame(ORDERED, back.advanceTo(ORDERED));
        assertSame(DEFEAT_REQUESTED, back.advanceTo(DEFEAT_REQUESTED));
    }

    @Test
    void returnOnlyFromARequest() {
        for (LeadStage s : LeadStage.values()) {
            if (s != DEFEAT_REQUESTED) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> s.returnFromDefeat(NEW));
                assertEquals("only a DEFEAT_REQUESTED lead can be returned, this one is " + s, e.getMessage());
            }
        }
    }

    @Test
    void returnOnlyToAnOpenFunnelStage() {
        for (LeadStage before : new LeadStage[]{DELIVERED, DEFEATED, DEFEAT_REQUESTED, null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DEFEAT_REQUESTED.returnFromDefeat(before));
            assertEquals("a returned lead goes back to an open funnel stage (NEW to ORDERED), not " + before,
                    e.getMessage());
        }
    }

    @Test
    void nullTargetIsRefused() {
        assertThrows(NullPointerException.class, () -> NEW.advanceTo(null));
    }
}
