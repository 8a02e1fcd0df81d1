package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeadGradeTest {

    @Test
    void orderIsOHABC() {
        assertArrayEquals(new LeadGrade[]{LeadGrade.O, LeadGrade.H, LeadGrade.A, LeadGrade.B, LeadGrade.C},
                LeadGrade.values());
    }

    @Test
    void higherThan() {
        assertTrue(LeadGrade.O.higherThan(LeadGrade.H));
        assertTrue(LeadGrade.H.higherThan(LeadGrade.A));
        assertTrue(LeadGrade.A.higherThan(LeadGrade.C));
        assertTrue(LeadGrade.B.higherThan(LeadGrade.C));
        assertFalse(LeadGrade.C.higherThan(LeadGrade.B));
        assertFalse(LeadGrade.H.higherThan(LeadGrade.O));
        for (LeadGrade g : LeadGrade.values()) {
            assertFalse(g.higherThan(g), g + " is not higher than itself");
        }
        int pairsWhereHigher = 0;
        for (LeadGrade a : LeadGrade.values()) {
            for (LeadGrade b : LeadGrade.values()) {
                if (a.higherThan(b)) {
                    pairsWhereHigher++;
                    assertFalse(b.higherThan(a));
                }
            }
        }
        assertEquals(10, pairsWhereHigher); // 5 choose 2: a strict total order
    }
}
