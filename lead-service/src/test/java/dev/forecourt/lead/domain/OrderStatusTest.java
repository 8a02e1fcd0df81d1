package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import static dev.forecourt.lead.domain.OrderStatus.ALLOCATED;
import static dev.forecourt.lead.domain.OrderStatus.CANCELLED;
import static dev.forecourt.lead.domain.OrderStatus.DELIVERED;
import static dev.forecourt.lead.domain.OrderStatus.INSPECTED;
import static dev.forecourt.lead.domain.OrderStatus.ORDERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderStatusTest {

    /**
     * The expected table, written independently of the implementation. Rows are "from", columns
     * "to", both in the order below; 'x' = allowed, '.' = illegal.
     */
    private static final OrderStatus[] ORDER = {ORDERED, ALLOCATED, INSPECTED, DELIVERED, CANCELLED};
    private static final String[] MATRIX = {
            //               O A I D C
            /* ORDERED   */ ". x . . x",
            /* ALLOCATED */ ". . x . x",
            /* INSPECTED */ ". . . x x",
            /* DELIVERED */ ". . . . .",
            /* CANCELLED */ ". . . . .",
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
    void matrixCoversEveryStatus() {
        assertEquals(EnumSet.allOf(OrderStatus.class), EnumSet.of(ORDER[0], ORDER));
        assertEquals(25, everyPair().count());
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void transitionTable(OrderStatus from, OrderStatus to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to));
        assertEquals(allowed, from.next().contains(to));
        if (allowed) {
            assertSame(to, from.moveTo(to));
        } else {
            IllegalOrderTransitionException e =
                    assertThrows(IllegalOrderTransitionException.class, () -> from.moveTo(to));
            assertSame(from, e.from());
            assertSame(to, e.to());
            assertEquals(from.next(), e.allowed());
            assertEquals("order cannot go from " + from + " to " + to + "; allowed: " + from.next(), e.getMessage());
        }
    }

    @Test
    void messagesListAllowedTargetsInFlowOrder() {
        IllegalOrderTransitionException e =
                assertThrows(IllegalOrderTransitionException.class, () -> DELIVERED.moveTo(CANCELLED));
        assertEquals("order cannot go from DELIVERED to CANCELLED; allowed: []", e.getMessage());
        assertEquals(Set.of(), e.allowed());

        e = assertThrows(IllegalOrderTransitionException.class, () -> ORDERED.moveTo(DELIVERED));
        assertEquals("order cannot go from ORDERED to DELIVERED; allowed: [ALLOCATED, CANCELLED]", e.getMessage());

        e = assertThrows(IllegalOrderTransitionException.class, () -> ALLOCATED.moveTo(ORDERED));
        assertEquals("order cannot go from ALLOCATED to ORDERED; allowed: [INSPECTED, CANCELLED]", e.getMessage());
        assertEquals(EnumSet.of(INSPECTED, CANCELLED), e.allowed());
    }

    @Test
    void happyPathAndCancellation() {
        assertSame(DELIVERED, ORDERED.moveTo(ALLOCATED).moveTo(INSPECTED).moveTo(DELIVERED));
        for (OrderStatus s : new OrderStatus[]{ORDERED, ALLOCATED, INSPECTED}) {
            assertSame(CANCELLED, s.moveTo(CANCELLED));
        }
    }

    @Test
    void terminalStatuses() {
        for (OrderStatus s : OrderStatus.values()) {
            assertEquals(s == DELIVERED || s == CANCELLED, s.isTerminal(), s.name());
            assertEquals(s.isTerminal(), s.next().isEmpty());
        }
    }

    @Test
    void nextIsUnmodifiable() {
        Set<OrderStatus> next = ORDERED.next();
        assertThrows(UnsupportedOperationException.class, () -> next.add(DELIVERED));
        assertThrows(UnsupportedOperationException.class, () -> DELIVERED.next().add(ORDERED));
        assertFalse(ORDERED.canMoveTo(DELIVERED));
        assertTrue(ORDERED.canMoveTo(ALLOCATED));
    }

    @Test
    void nullTargetIsRefused() {
        assertFalse(ORDERED.canMoveTo(null));
        assertThrows(NullPointerException.class, () -> ORDERED.moveTo(null));
    }
}
