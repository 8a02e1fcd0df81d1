package dev.forecourt.parts.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PartTest {

    @Test
    void receiptsAddUpOnHand() {
        Part part = new Part();
        part.receive(4);
        part.receive(6);
        assertEquals(10, part.onHand);
    }

    @Test
    void aReceiptOfNothingOrLessIsRefused() {
        Part part = new Part();
        assertThrows(IllegalArgumentException.class, () -> part.receive(0));
        assertThrows(IllegalArgumentException.class, () -> part.receive(-3));
        assertEquals(0, part.onHand);
    }
}
