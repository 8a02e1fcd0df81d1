package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeadGradeTest {

    @Test
    void ranksOHABC() {
        assertArrayEquals(new LeadGrade[]{LeadGrade.O, LeadGrade.H, LeadGrade.A, LeadGrade.B, LeadGrade.C},
                LeadGrade.values());
        assertEquals(5, LeadGrade.O.rank());
        assertEquals(4, LeadGrade.H.rank());
        assertEquals(3, LeadGrade.A.rank());
        assertEquals(2, LeadGrade.B.rank());
        assertEquals(1, LeadGrade.C.rank());
    }

    @Test
    void isAboveIsAStrictTotalOrderMatchingRank() {
        int pairsAbove = 0;
        for (LeadGrade a : LeadGrade.values()) {
            assertFalse(a.isAbove(a), a + " is not above itself");
            for (LeadGrade b : LeadGrade.values()) {
                assertEquals(a.rank() > b.rank(), a.isAbove(b), a + " above " + b);
                if (a.isAbove(b)) {
                    pairsAbove++;
                    assertFalse(b.isAbove(a));
                }
            }
        }
        assertEquals(10, pairsAbove); // 5 choose 2
        assertTrue(LeadGrade.O.isAbove(LeadGrade.H));
        assertTrue(LeadGrade.H.isAbove(LeadGrade.A));
        assertTrue(LeadGrade.A.isAbove(LeadGrade.B));
        assertTrue(LeadGrade.B.isAbove(LeadGrade.C));
        assertFalse(LeadGrade.C.isAbove(LeadGrade.O));
    }

    @Test
    void parseTrimsAndIgnoresCase() {
        assertEquals(Optional.of(LeadGrade.H), LeadGrade.parse("H"));
        assertEquals(Optional.of(LeadGrade.H), LeadGrade.parse(" h "));
        assertEquals(Optional.of(LeadGrade.O), LeadGrade.parse("o"));
        for (LeadGrade g : LeadGrade.values()) {
            assertEquals(Optional.of(g), LeadGrade.parse(g.name().toLowerCase()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "D", "HH", "0", "hot", "A+"})
    void parseRejectsUnknown(String s) {
        assertEquals(Optional.empty(), LeadGrade.parse(s));
    }

    @Test
    void parseRejectsNull() {
        assertEquals(Optional.empty(), LeadGrade.parse(null));
    }

    @Test
    void depositOfAtLeast5000MakesAnOrder() {
        assertEquals(0, new BigDecimal("5000").compareTo(LeadGrade.ORDER_DEPOSIT));
        for (LeadGrade g : LeadGrade.values()) {
            assertSame(LeadGrade.O, LeadGrade.forDeposit(new BigDecimal("5000"), g));
            assertSame(LeadGrade.O, LeadGrade.forDeposit(new BigDecimal("5000.00"), g));
            assertSame(LeadGrade.O, LeadGrade.forDeposit(new BigDecimal("20000"), g));
        }
    }

    @Test
    void smallerOrNoDepositKeepsTheGrade() {
        for (LeadGrade g : LeadGrade.values()) {
            assertSame(g, LeadGrade.forDeposit(new BigDecimal("4999.99"), g));
            assertSame(g, LeadGrade.forDeposit(BigDecimal.ZERO, g));
            assertSame(g, LeadGrade.forDeposit(null, g));
        }
    }
}
