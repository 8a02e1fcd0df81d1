package dev.forecourt.customer.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.google.common.io.CountingInputStream;
import dev.forecourt.customer.domain.CustomerIdentifier;
import dev.forecourt.customer.domain.ImportRow;
import dev.forecourt.customer.service.PersonalData;
import dev.forecourt.platform.pii.PiiCrypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an import file (CSV with a header row, or NDJSON) in chunks of prepared rows: each row
 * parsed and checked by {@link ImportRow}, its identifiers hashed and its personal values sealed,
 * the CPU work spread over the cores. Everything here is independent of the database, so the job
 * reads the next chunk while the previous one is being written.
 */
final class ChunkReader implements AutoCloseable {

    /**
     * The longest NDJSON line or CSV value read: a customer's row is well under 2,000 characters, and
     * an upload's one huge line or field must not take the heap (see {@link BoundedLines}).
     */
    static final int MAX_LINE = 65_536;

    /** Rows of one chunk, and how far into the file they reach (for progress). */
    record Chunk(List<ImportItem> items, long bytesRead) {
    }

    private final ImportJobs.Format format;
    private final PiiCrypto crypto;
    private final Phases phases;
    private final Path file;
    private CountingInputStream in;
    private final long size;
    private final ObjectReader csvReader;             // CSV
    private MappingIterator<String[]> csvRows;        // CSV: the current parser, replaced after a broken record
    private long csvByteBase;                         // CSV: the byte where the current parser started
    private long inBase;                              // the byte where {@code in} started counting
    private Exception pendingCsvFailure;              // CSV: a resumed parser could not even start its first record
    private final BoundedLines ndjsonLines;           // NDJSON: one value a line
    private final ObjectReader ndjsonRow;
    private Map<String, Integer> columns; // CSV only, from the header row: the (stripped) names and their cells
    private long line;        // CSV: records read, the header being line 1 (a quoted field spanning lines counts
                              // once); NDJSON: the file's lines, blank ones included
    private boolean ended;

    ChunkReader(Path file, ImportJobs.Format format, ObjectMapper json, PiiCrypto crypto, Phases phases) throws IOException {
        this.format = format;
        this.crypto = crypto;
        this.phases = phases;
        this.file = file;
        this.size = Files.size(file);
        this.in = new CountingInputStream(Files.newInputStream(file));
        if (format == ImportJobs.Format.CSV) {
            // Rows as arrays, named by the header row: cheaper than a map per row from the parser.
            CsvFactory bounded = CsvFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LINE).build()).build();
            this.csvReader = new CsvMapper(bounded).enable(CsvParser.Feature.WRAP_AS_ARRAY).readerFor(String[].class);
            this.csvRows = csvReader.readValues(in); // Jackson's own strict UTF-8; it skips a byte-order mark
            this.csvByteBase = startsWithByteOrderMark(file) ? 3 : 0; // which its character offsets do not count
            this.ndjsonLines = null;
            this.ndjsonRow = null;
        } else {
            this.csvReader = null;
            // Line by line, each parsed alone: a broken line is that line's rejection and the next line
            // starts afresh. (A streaming parser over the whole file could not get past a broken value:
            // an unterminated object at the end of a file was rejected again and again, for good.)
            this.csvRows = null;
            this.ndjsonLines = new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE);
            this.ndjsonRow = json.readerForMapOf(String.class);
        }
    }

    /** The next chunk of at most {@code max} rows, or {@code null} when the file is done. */
    Chunk next(int max) throws IOException {
        if (ended) {
            return null;
        }
        long t = System.nanoTime();
        List<ImportItem> items = new ArrayList<>(max);
        while (items.size() < max) {
            Map<String, String> fields;
            String text = null; // an NDJSON line as read, kept for the report if it cannot be read as a row
            line++;
            // where the record begins, in characters from where the current parser started
            long recordStart = csvRows != null ? Math.max(0, csvRows.getCurrentLocation().getCharOffset()) : 0;
            try {
                if (pendingCsvFailure != null) {
                    Exception e = pendingCsvFailure;
                    pendingCsvFailure = null;
                    if (e instanceof IOException io) {
                        throw io;
                    }
                    throw (RuntimeException) e;
                }
                if (format == ImportJobs.Format.CSV) {
                    if (!csvRows.hasNextValue()) {
                        ended = true;
                        break;
                    }
                    String[] cells = csvRows.nextValue();
                    if (columns == null) {
                        columns = columns(cells);
                        continue;
                    }
                    fields = new Cells(columns, cells);
                } else {
                    text = ndjsonLines.next();
                    if (text == null) {
                        ended = true;
                        break;
                    }
                    if (text.isBlank()) {
                        continue;
                    }
                    try {
                        fields = ndjsonRow.readValue(text);
                    } catch (MismatchedInputException notFields) { // Jackson's own words name Java types
                        throw new IOException("each line must be one JSON object whose values are text, numbers or null");
                    } catch (JsonProcessingException malformed) {
                        throw new IOException(malformed.getOriginalMessage());
                    }
                }
            } catch (RuntimeException | IOException e) {
                if (format == ImportJobs.Format.CSV) {
                    if (columns == null) { // without the header's names no row can be read
                        items.add(ImportItem.unreadable(line, "unreadable CSV header at line " + line + ": " + reason(e), null));
                        ended = true;
                        break;
                    }
                    String sent = resumeCsvAfterLineAt(recordStart);
                    items.add(ImportItem.unreadable(line, "unreadable CSV at line " + line + ": " + reason(e)
                            + "; reading went on at the next line", sent));
                    continue;
                }
                items.add(ImportItem.unreadable(line, "unreadable " + format + " at line " + line + ": " + reason(e), text));
                continue;
            }
            ImportRow.Parsed parsed = ImportRow.parse(line, fields);
            items.add(new ImportItem(line, parsed.row(), fields, parsed.rejection()));
        }
        // What the parser has taken from the file: ahead of the rows by at most a buffer, close enough for
        // progress. (The CSV parser's own location counts characters, not bytes.)
        long bytesRead = ended ? size : inBase + in.getCount();
        t = phases.lap("read", t);
        // Hashing and sealing are pure CPU: spread them over the cores. The name is sealed for every
        // row although only new customers use it (1 in 100 rows of a typical file is a repeat).
        items.parallelStream().filter(ImportItem::accepted).forEach(i -> {
            ImportRow r = i.row;
            i.nameSealed = crypto.seal(r.name(), PersonalData.NAME);
            if (r.phone() != null) {
                i.phoneHash = crypto.hash(r.phone(), CustomerIdentifier.Kind.PHONE.context());
                i.phoneSealed = crypto.seal(r.phone(), CustomerIdentifier.Kind.PHONE.context());
            }
            if (r.idNumber() != null) {
                i.idHash = crypto.hash(r.idNumber(), CustomerIdentifier.Kind.ID_CARD.context());
                i.idSealed = crypto.seal(r.idNumber(), CustomerIdentifier.Kind.ID_CARD.context());
            }
            if (r.email() != null) {
                i.emailHash = crypto.hash(r.email(), CustomerIdentifier.Kind.EMAIL.context());
                i.emailSealed = crypto.seal(r.email(), CustomerIdentifier.Kind.EMAIL.context());
            }
        });
        phases.lap("hash and seal", t);
        return items.isEmpty() && ended ? null : new Chunk(items, bytesRead);
    }

    /**
     * After a CSV record that cannot be read (a stray quote, a value over the bound, bytes that are not
     * UTF-8), reading goes on with a new parser at the line after the one where that record began, under
     * the same header. A stray quote makes the parser take the lines after it as one quoted value, until
     * a closing quote or the bound of {@link #MAX_LINE} characters: so those lines are read again, at
     * most that much. The parser counts characters from where it started ({@code recordStart}); the file
     * is opened again at the byte where that parser started and decoded up to there, so each resumption
     * costs the distance since the last one, not since the file's start. A line ends at LF, CR LF or CR,
     * as for the parser. Every parser decodes strictly, so bytes that are not UTF-8 are always a
     * rejection, never a silent U+FFFD. Returns the record's first line as sent, for the report, or null
     * when longer than the bound (it is not held).
     */
    private String resumeCsvAfterLineAt(long recordStart) throws IOException {
        if (csvRows != null) {
            csvRows.close();
        }
        in.close();
        long at = csvByteBase;
        try (java.io.Reader chars = strictUtf8(openAt(at))) { // what the parser had read before the record
            char[] buffer = new char[8192];
            for (long left = recordStart; left > 0; ) {
                int n = chars.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    at += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a surrogate pair: 4
                }
                left -= n;
            }
        }
        java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        try (InputStream bytes = new java.io.BufferedInputStream(openAt(at))) {
            int b;
            do { // the end of the line before the record, where the parser's location may point
                b = bytes.read();
                at++;
            } while (b == '\r' || b == '\n');
            while (b != -1 && b != '\n' && b != '\r') { // the record's first line
                if (sent != null) {
                    sent.write(b);
                    if (sent.size() > 4 * MAX_LINE) {
                        sent = null;
                    }
                }
                b = bytes.read();
                at++;
            }
            if (b == '\r' && bytes.read() == '\n') {
                at++;
            }
        }
        csvByteBase = at;
        in = new CountingInputStream(openAt(at));
        inBase = at;
        try {
            csvRows = csvReader.readValues(strictUtf8(in)); // reads the first record's start at once
        } catch (IOException | RuntimeException unreadable) {
            csvRows = null;
            pendingCsvFailure = unreadable; // that record's rejection, at the top of the next turn
        }
        String line = sent == null ? null : new String(sent.toByteArray(), StandardCharsets.UTF_8);
        return line == null || line.length() > MAX_LINE ? null : line;
    }

    private static boolean startsWithByteOrderMark(Path file) throws IOException {
        try (InputStream s = Files.newInputStream(file)) {
            byte[] head = s.readNBytes(3);
            return head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        }
    }

    /** The file from this byte on (a seek, not a read). */
    private InputStream openAt(long position) throws IOException {
        InputStream s = Files.newInputStream(file);
        s.skipNBytes(position);
        return s;
    }

    private static java.io.Reader strictUtf8(InputStream bytes) {
        return new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
    }

    /** Why a record could not be read, in the file's terms: Jackson's bound names its own Java API. */
    private static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return String.format("a value longer than %,d characters", MAX_LINE);
            }
            if (t instanceof java.nio.charset.CharacterCodingException || t instanceof java.io.CharConversionException) {
                // The parser reads ahead, so a good row just before the bad bytes can be rejected with them.
                return "bytes that are not UTF-8 here or on the next line (save the file as UTF-8)";
            }
        }
        return ImportJobs.firstLine(e.getMessage());
    }

    /** Where each column's cell is, by its name; a name given twice reads its last cell. */
    static Map<String, Integer> columns(String[] header) {
        Map<String, Integer> index = new LinkedHashMap<>(header.length * 2); // a report keeps the file's order
        for (int i = 0; i < header.length; i++) {
            index.put(header[i].strip(), i);
        }
        return index;
    }

    /**
     * A CSV row's cells read by column name, for {@link ImportRow#parse} (which only gets them) and
     * for a rejected row's report: a map built per row was 0.7 GB of the 12 GB a million-row import
     * allocated (JFR), and its hashing 7 % of the import's CPU samples.
     */
    static final class Cells extends java.util.AbstractMap<String, String> {
        private final Map<String, Integer> columns;
        private final String[] cells;

        Cells(Map<String, Integer> columns, String[] cells) {
            this.columns = columns;
            this.cells = cells;
        }

        @Override
        public String get(Object column) {
            Integer i = columns.get(column);
            return i == null || i >= cells.length ? null : cells[i];
        }

        @Override
        public boolean containsKey(Object column) {
            return get(column) != null;
        }

        @Override
        public java.util.Set<Entry<String, String>> entrySet() {
            Map<String, String> all = new LinkedHashMap<>();
            columns.forEach((name, i) -> {
                if (i < cells.length) {
                    all.put(name, cells[i]);
                }
            });
            return all.entrySet();
        }
    }

    @Override
    public void close() throws IOException {
        if (csvRows != null) csvRows.close();
        if (ndjsonLines != null) ndjsonLines.close();
        in.close();
    }
}
