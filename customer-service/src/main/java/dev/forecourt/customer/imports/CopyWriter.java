package dev.forecourt.customer.imports;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Builds PostgreSQL COPY text-format input (tab-separated, {@code \N} for null, escaped text, hex
 * bytea) straight as UTF-8 bytes, and sends it with one {@code COPY ... FROM STDIN}. Writing bytes
 * (not a String the driver encodes again) matters at a million rows: measured, the String version
 * spent more time building and copying buffers than sealing the values. Lone surrogates are
 * written as three bytes, which PostgreSQL refuses: the chunk split then isolates that row.
 */
final class CopyWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'\\', 'N'};

    private final String target;
    private byte[] buf;
    private int len;
    private boolean lineStart = true;
    private int rows;

    /** {@code target} is the table with its column list, e.g. {@code customer (id, store_id)}. */
    CopyWriter(String target, int expectedBytes) {
        this.target = target;
        this.buf = new byte[Math.max(expectedBytes, 1024)];
    }

    CopyWriter text(Object value) {
        sep();
        if (value == null) {
            put(NULL);
            return this;
        }
        String s = value.toString();
        ensure(s.length() * 3); // at most three bytes per char (a surrogate pair: four for two)
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { buf[len++] = '\\'; buf[len++] = '\\'; }
                    case '\t' -> { buf[len++] = '\\'; buf[len++] = 't'; }
                    case '\n' -> { buf[len++] = '\\'; buf[len++] = 'n'; }
                    case '\r' -> { buf[len++] = '\\'; buf[len++] = 'r'; }
                    default -> buf[len++] = (byte) c;
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xF0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    CopyWriter bytes(byte[] value) {
        return encoded(value == null ? null : bytea(value));
    }

    /** A field already in COPY form (see {@link #bytea}), so the encoding can be done ahead, on other cores. */
    CopyWriter encoded(byte[] field) {
        sep();
        put(field == null ? NULL : field);
        return this;
    }

    /** A bytea value as a COPY text field: {@code \\x} and hex. */
    static byte[] bytea(byte[] value) {
        byte[] out = new byte[3 + value.length * 2];
        out[0] = '\\';
        out[1] = '\\';
        out[2] = 'x';
        int at = 3;
        for (byte b : value) {
            out[at++] = HEX[(b >> 4) & 0xF];
            out[at++] = HEX[b & 0xF];
        }
        return out;
    }

    void endRow() {
        ensure(1);
        buf[len++] = '\n';
        lineStart = true;
        rows++;
    }

    int rows() {
        return rows;
    }

    /** Sends the rows with one COPY (nothing when there are none). */
    void copyTo(PGConnection pg) throws SQLException {
        if (rows == 0) {
            return;
        }
        CopyIn copy = pg.getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
        try {
            copy.writeToCopy(buf, 0, len);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The rows as they will be sent (for tests). */
    byte[] content() {
        return Arrays.copyOf(buf, len);
    }

    /** The table name, for timings and messages. */
    String table() {
        return target.substring(0, target.indexOf(' '));
    }

    private void sep() {
        if (!lineStart) {
            ensure(1);
            buf[len++] = '\t';
        }
        lineStart = false;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
