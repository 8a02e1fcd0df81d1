package dev.forecourt.customer.imports;

import dev.forecourt.customer.domain.ImportRow;

import java.util.Map;
import java.util.UUID;

/** One row of an import on its way in: read, hashed and sealed by the reader; placed by the writer. */
final class ImportItem {

    final long line;
    final ImportRow row;             // null when the row could not be read or parsed
    final Map<String, String> fields; // as read; written out (sealed) only if the row is rejected
    String rejection;

    byte[] phoneHash;
    byte[] idHash;
    byte[] emailHash;
    // Sealed values, and sealed values and hashes already in COPY form (encoded by the reader, on all cores).
    byte[] phoneSealed;
    byte[] idSealed;
    byte[] emailSealed;
    byte[] nameCopy;
    byte[] phoneCopy;
    byte[] idCopy;
    byte[] emailCopy;
    byte[] phoneHashCopy;
    byte[] idHashCopy;
    byte[] emailHashCopy;

    UUID customerId;                 // the customer the row goes to, new or existing
    boolean isNew;                   // the row creates that customer
    boolean vinIsNew;                // the row's VIN is not registered yet (in the database or earlier in the file)

    ImportItem(long line, ImportRow row, Map<String, String> fields, String rejection) {
        this.line = line;
        this.row = row;
        this.fields = fields;
        this.rejection = rejection;
    }

    boolean accepted() {
        return rejection == null;
    }
}
