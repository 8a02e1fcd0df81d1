package dev.forecourt.customer.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text, each held only up to a bound: a longer line is read through to its end
 * without being kept, and reported by an exception after which the next line reads as usual. An
 * import file is an upload (up to 512 MB), and one line of it read whole could take more than the
 * service's heap (measured: a 150 MB NDJSON line failed its job with "Java heap space").
 */
final class BoundedLines implements Closeable {

    /** A line longer than its bound, consumed; the next call reads the line after it. */
    static final class TooLong extends IOException {
        TooLong(int max) {
            super(String.format("longer than %,d characters", max));
        }
    }

    private final Reader in;
    private final int max;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int end;
    private final StringBuilder line = new StringBuilder();

    BoundedLines(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its end ({@code \n} or {@code \r\n}); null at the end of the text. */
    String next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == end) {
                end = in.read(buffer, 0, buffer.length);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? finish(tooLong) : null; // a last line without its \n is a line too
                }
            }
            any = true;
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            int n = position - start;
            if (!tooLong && line.length() + n > max) {
                tooLong = true;
                line.setLength(0);
            } else if (!tooLong) {
                line.append(buffer, start, n);
            }
            if (position < end) { // at the \n
                position++;
                return finish(tooLong);
            }
        }
    }

    private String finish(boolean tooLong) throws TooLong {
        if (tooLong) {
            throw new TooLong(max);
        }
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
