package dev.forecourt.customer.imports;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** COPY text format as PostgreSQL reads it: the bytes must be exactly what psql would send. */
class CopyWriterTest {

    private static String rows(CopyWriter w) {
        return new String(w.content(), StandardCharsets.UTF_8);
    }

    @Test
    void escapesSeparatorsAndBackslashAndWritesNullAsBackslashN() {
        CopyWriter w = new CopyWriter("t (a, b, c)", 8);
        w.text("a\tb\\c\nd\re").text(null).text(42);
        w.endRow();
        assertEquals("a\\tb\\\\c\\nd\\re\t\\N\t42\n", rows(w));
    }

    @Test
    void encodesEveryCharacterAsUtf8IncludingSurrogatePairs() {
        String mixed = "北京市 朝阳区 é 😀 ok";
        CopyWriter w = new CopyWriter("t (a)", 1);
        w.text(mixed);
        w.endRow();
        assertEquals(mixed + "\n", rows(w));
    }

    @Test
    void writesByteaAsEscapedHex() {
        CopyWriter w = new CopyWriter("t (a, b)", 1);
        w.bytes(new byte[]{0x00, (byte) 0xAB, 0x7F}).encoded(CopyWriter.bytea(new byte[]{0x10}));
        w.endRow();
        assertEquals("\\\\x00ab7f\t\\\\x10\n", rows(w));
        assertEquals(1, w.rows());
        assertEquals("t", w.table());
    }
}
