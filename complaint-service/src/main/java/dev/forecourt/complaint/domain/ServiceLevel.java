package dev.forecourt.complaint.domain;

import java.time.Duration;
import java.time.Instant;

/** Complaint service levels (DOMAIN.md §5): acknowledge within 24 hours, resolve within 48 hours of opening. */
public record ServiceLevel(Duration acknowledgeWithin, Duration resolveWithin) {

    public static final ServiceLevel STANDARD = new ServiceLevel(Duration.ofHours(24), Duration.ofHours(48));

    public ServiceLevel {
        if (resolveWithin.compareTo(acknowledgeWithin) < 0) {
            throw new IllegalArgumentException("a complaint cannot have to be resolved before it is acknowledged");
        }
    }

    public Instant acknowledgeBy(Instant opened) {
        return opened.plus(acknowledgeWithin);
    }

    public Instant resolveBy(Instant opened) {
        return opened.plus(resolveWithin);
    }
}
