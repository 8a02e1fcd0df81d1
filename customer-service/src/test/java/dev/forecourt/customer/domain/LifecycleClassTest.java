package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import static dev.forecourt.customer.domain.LifecycleClass.DEFEATED;
import static dev.forecourt.customer.domain.LifecycleClass.INTENT;
import static dev.forecourt.customer.domain.LifecycleClass.LOST;
import static dev.forecourt.customer.domain.LifecycleClass.OTHER_BRAND;
import static dev.forecourt.customer.domain.LifecycleClass.OTHER_SOLD;
import static dev.forecourt.customer.domain.LifecycleClass.OWNER;
import static dev.forecourt.customer.domain.LifecycleClass.POTENTIAL;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LifecycleClassTest {

    /**
     * The expected table, written independently of the implementation. Rows are "from", columns
     * "to", both in the order below; 'x' = allowed, '.' = illegal.
     */
    private static final LifecycleClass[] ORDER = {POTENTIAL, INTENT, OWNER, OTHER_SOLD, OTHER_BRAND, DEFEATED, LOST};
    private static final String[] MATRIX = {
            //           P  I  Ow OS OB D  L
            /* POTENTIAL   */ ". x x x x x .",
            /* INTENT      */ "x x x x x x .",
            /* OWNER       */ ". . x . . . x",
            /* OTHER_SOLD  */ ". x x . x x .",
            /* OTHER_BRAND */ ". x x x . x .",
            /* DEFEATED    */ "x x x x x . .",
            /* LOST        */ ". . x . . . x",
    };

    static Stream<Arguments> everyPair() {
        Stream.Builder<Arguments> pairs = Stream.builder();
        for (int from = 0; from < ORDER.length; from++) {
            String[] cells = MATRIX[from].split(" ");
            for (int to = 0; to < ORDER.length; to++) {
                pairs.add(Arguments.of(ORDER[from], ORDER[to], cells[to].equals("x")));
            }
        }
        return pairs.build();
    }

    @Test
    void matrixCoversEveryClass() {
        assertEquals(EnumSet.allOf(LifecycleClass.class), EnumSet.of(ORDER[0], ORDER));
        assertEquals(49, everyPair().count());
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void transitionTable(LifecycleClass from, LifecycleClass to, boolean allowed) {
        assertEquals(allowed, from.canBecome(to));
        assertEquals(allowed, from.next().contains(to));
        if (allowed) {
            assertDoesNotThrow(() -> from.requireCanBecome(to));
        } else {
            LifecycleClass.IllegalTransitionException e =
                    assertThrows(LifecycleClass.IllegalTransitionException.class, () -> from.requireCanBecome(to));
            assertSame(from, e.from());
            assertSame(to, e.to());
        }
    }

    @Test
    void messageListsAllowedTargetsAlphabetically() {
        LifecycleClass.IllegalTransitionException e = assertThrows(
                LifecycleClass.IllegalTransitionException.class, () -> OWNER.requireCanBecome(POTENTIAL));
        assertEquals("a OWNER customer cannot become POTENTIAL; allowed: LOST, OWNER", e.getMessage());

        e = assertThrows(LifecycleClass.IllegalTransitionException.class, () -> POTENTIAL.requireCanBecome(LOST));
        assertEquals("a POTENTIAL customer cannot become LOST; allowed: DEFEATED, INTENT, OTHER_BRAND, OTHER_SOLD, OWNER",
                e.getMessage());
    }

    @Test
    void nextIsUnmodifiable() {
        Set<LifecycleClass> next = POTENTIAL.next();
        assertThrows(UnsupportedOperationException.class, () -> next.add(LOST));
        assertEquals(false, POTENTIAL.canBecome(LOST));
    }

    @Test
    void onlyOwnersCanBeLostAndOwnersNeverGoBack() {
        for (LifecycleClass c : LifecycleClass.values()) {
            assertEquals(c == OWNER || c == LOST, c.canBecome(LOST), c + " -> LOST");
        }
        assertEquals(EnumSet.of(OWNER, LOST), OWNER.next());
        assertEquals(EnumSet.of(OWNER, LOST), LOST.next());
        assertEquals(EnumSet.of(INTENT, OWNER, OTHER_SOLD, OTHER_BRAND, DEFEATED, POTENTIAL), INTENT.next());
        assertEquals(EnumSet.of(INTENT, OWNER, OTHER_SOLD, OTHER_BRAND, POTENTIAL), DEFEATED.next());
    }

    /** Merging two records: an owner record makes the person an owner, any knowledge beats a bare contact. */
    @Test
    void mergedRecordsKeepWhatEitherKnows() {
        assertEquals(OWNER, LifecycleClass.merged(POTENTIAL, OWNER));
        assertEquals(OWNER, LifecycleClass.merged(INTENT, OWNER));
        assertEquals(LOST, LifecycleClass.merged(POTENTIAL, LOST), "not a transition, but what the records say");
        assertEquals(LOST, LifecycleClass.merged(DEFEATED, LOST));
        assertEquals(OWNER, LifecycleClass.merged(OWNER, INTENT), "an owner stays an owner");
        assertEquals(LOST, LifecycleClass.merged(LOST, OWNER), "between owners the survivor's class stays");
        assertEquals(INTENT, LifecycleClass.merged(POTENTIAL, INTENT));
        assertEquals(DEFEATED, LifecycleClass.merged(POTENTIAL, DEFEATED));
        assertEquals(INTENT, LifecycleClass.merged(INTENT, DEFEATED), "between prospects the survivor's class stays");
        assertEquals(OTHER_BRAND, LifecycleClass.merged(OTHER_BRAND, POTENTIAL));
        for (LifecycleClass c : LifecycleClass.values()) {
            assertEquals(c, LifecycleClass.merged(c, c));
        }
    }
}
