package dev.forecourt.customer.imports;

import dev.forecourt.customer.domain.ImportRow;

import java.util.Map;
import java.util.UUID;

/** One row of an import on its way in: read, hashed and sealed by the reader; placed by the writer. */
final class ImportItem {

    final long line;
    final ImportRow row;             // null when the row could not be read or parsed
    // The row as read, written out (sealed) only if it is rejected. A CSV row is its cells under the
    // shared header index (ChunkReader.Cells), not a map each: a chunk's maps were a third of what
    // the import held on the heap.
    private final Map<String, String> fields; // null if unreadable
    // An unreadable NDJSON line, or an unreadable CSV record's first line, as it was in the file (at most
    // the reader's line bound), for the report; null for a readable row or a line too long to hold.
    private final String unreadableText;
    String rejection;

    byte[] phoneHash;
    byte[] idHash;
    byte[] emailHash;
    // Sealed values (sealed by the reader, on all cores).
    byte[] nameSealed;
    byte[] phoneSealed;
    byte[] idSealed;
    byte[] emailSealed;

    UUID customerId;                 // the customer the row goes to, new or existing
    boolean isNew;                   // the row creates that customer
    boolean vinIsNew;                // the row's VIN is not registered yet (in the database or earlier in the file)
    private boolean rejectedByPlacement;

    ImportItem(long line, ImportRow row, Map<String, String> fields, String rejection) {
        this(line, row, fields, null, rejection);
    }

    private ImportItem(long line, ImportRow row, Map<String, String> fields, String unreadableText, String rejection) {
        this.line = line;
        this.row = row;
        this.fields = fields;
        this.unreadableText = unreadableText;
        this.rejection = rejection;
    }

    /** A line that could not be read as a row; {@code text} is the line as read, when it was held. */
    static ImportItem unreadable(long line, String rejection, String text) {
        return new ImportItem(line, null, null, text, rejection);
    }

    /** The row's fields by column name, or null when the row could not be read. */
    Map<String, String> fields() {
        return fields;
    }

    /** An unreadable line's text as it was in the file, or null. */
    String unreadableText() {
        return unreadableText;
    }

    boolean accepted() {
        return rejection == null;
    }

    /** Rejected for where the row would go (its VIN's owner), which depends on what the database holds. */
    void rejectPlacement(String reason) {
        rejection = reason;
        rejectedByPlacement = true;
    }

    /** Forgets where the row was placed, to place it again (a rejection for its content stays). */
    void resetPlacement() {
        customerId = null;
        isNew = false;
        vinIsNew = false;
        if (rejectedByPlacement) {
            rejection = null;
            rejectedByPlacement = false;
        }
    }
}
