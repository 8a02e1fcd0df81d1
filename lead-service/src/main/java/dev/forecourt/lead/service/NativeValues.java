package dev.forecourt.lead.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.sql.Timestamp;

/** Values of native-query rows as Java types: the driver hands timestamps back in more than one shape. */
public final class NativeValues {

    private NativeValues() {
    }

    public static Instant instant(Object value) {
        if (value instanceof Instant i) return i;
        if (value instanceof OffsetDateTime o) return o.toInstant();
        if (value instanceof Timestamp t) return t.toInstant();
        return null;
    }
}
