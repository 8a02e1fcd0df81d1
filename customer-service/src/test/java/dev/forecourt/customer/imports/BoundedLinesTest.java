package dev.forecourt.customer.imports;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Lines held up to a bound: a longer one is passed over whole and reported, and reading goes on after it. */
class BoundedLinesTest {

    @Test
    void linesComeWithoutTheirEndsTheLastOneWithoutANewlineToo() throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader("one\r\n\ntwo\nthree"), 10);
        assertEquals("one", lines.next());
        assertEquals("", lines.next());
        assertEquals("two", lines.next());
        assertEquals("three", lines.next());
        assertNull(lines.next());
        assertNull(lines.next());
    }

    @Test
    void aLineLongerThanTheBoundIsReportedAndTheNextLineStillReads() throws IOException {
        String huge = "x".repeat(200_000); // longer than the reader's own buffer, too
        BoundedLines lines = new BoundedLines(new StringReader("ok\n" + huge + "\nafter\n" + huge), 1_000);
        assertEquals("ok", lines.next());
        assertEquals("longer than 1,000 characters", assertThrows(BoundedLines.TooLong.class, lines::next).getMessage());
        assertEquals("after", lines.next());
        assertThrows(BoundedLines.TooLong.class, lines::next);
        assertNull(lines.next());
    }

    @Test
    void aLineOfExactlyTheBoundIsKept() throws IOException {
        assertEquals("abc", new BoundedLines(new StringReader("abc\n"), 3).next());
    }
}
