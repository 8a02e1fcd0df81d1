package dev.forecourt.complaint.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServiceLevelTest {

    @Test
    void aComplaintMustBeAcknowledgedWithinADayAndResolvedWithinTwo() {
        Instant opened = Instant.parse("2026-11-23T09:30:00Z");
        assertEquals(Instant.parse("2026-11-24T09:30:00Z"), ServiceLevel.STANDARD.acknowledgeBy(opened));
        assertEquals(Instant.parse("2026-11-25T09:30:00Z"), ServiceLevel.STANDARD.resolveBy(opened));
    }

    @Test
    void resolvingBeforeAcknowledgingIsNotALevel() {
        assertThrows(IllegalArgumentException.class, () -> new ServiceLevel(Duration.ofHours(48), Duration.ofHours(24)));
    }
}
