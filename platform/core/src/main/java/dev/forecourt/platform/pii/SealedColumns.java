package dev.forecourt.platform.pii;

import java.util.List;

/** A service's sealed columns, for the key rotation ({@link Resealer}): one bean per service that keeps personal data. */
public interface SealedColumns {

    List<Resealer.Column> columns();
}
