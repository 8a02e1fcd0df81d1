package dev.forecourt.customer.imports;

import java.util.HexFormat;

/** Builds PostgreSQL COPY text-format input (tab-separated, {@code \N} for null, escaped text, hex bytea). */
final class CopyWriter {

    private final StringBuilder out = new StringBuilder(1 << 16);
    private boolean lineStart = true;
    private int rows;

    CopyWriter text(Object value) {
        sep();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return this;
    }

    CopyWriter bytes(byte[] value) {
        sep();
        if (value == null) {
            out.append("\\N");
        } else {
            out.append("\\\\x").append(HexFormat.of().formatHex(value));
        }
        return this;
    }

    void endRow() {
        out.append('\n');
        lineStart = true;
        rows++;
    }

    int rows() {
        return rows;
    }

    String content() {
        return out.toString();
    }

    private void sep() {
        if (!lineStart) {
            out.append('\t');
        }
        lineStart = false;
    }
}
