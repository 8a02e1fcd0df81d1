package dev.forecourt.lead.config;

import dev.forecourt.lead.domain.Cadence;
import dev.forecourt.lead.domain.LeadGrade;
import dev.forecourt.lead.domain.OverdueRule;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Group-level configuration of lead-service (prefix {@code forecourt.lead}); defaults in
 * application.properties, overridden per group with environment variables such as
 * {@code FORECOURT_LEAD_CADENCE_H=P1D}.
 */
@ConfigMapping(prefix = "forecourt.lead")
public interface LeadSettings {

    /** How often a lead of each grade must be followed up (ISO-8601 durations, e.g. P7D). */
    Map<String, Duration> cadence();

    /** How long after the consultant the sales manager is flagged about an overdue follow-up. */
    @WithDefault("P1D")
    Duration managerDelay();

    /** Consultants (user ids) taking part in the round-robin, per store. */
    Map<String, List<String>> roundRobin();

    OverdueScan overdueScan();

    Linker linker();

    FunnelFold funnelFold();

    /** The dealer group's time zone: the calendar day of a test drive (for the licence check) is taken in it. */
    @WithDefault("Asia/Shanghai")
    java.time.ZoneId zone();

    /** A lead for the same customer, store and model within this window is folded into the open one. */
    @WithDefault("P30D")
    Duration foldWindow();

    interface Linker {
        /** How often leads captured while customer-service was away are linked (scheduler syntax). */
        @WithDefault("60s")
        String every();
    }

    interface FunnelFold {
        /** How often the funnel's counters take in the deltas lead writes leave (scheduler syntax). */
        @WithDefault("10s")
        String every();
    }

    interface OverdueScan {
        /** Interval of the scheduled scan (Quarkus scheduler syntax, e.g. 30s). */
        @WithDefault("30s")
        String every();
    }

    /** The cadence table as the domain rule wants it; a missing grade is a configuration error at start. */
    default Cadence cadenceTable() {
        Map<LeadGrade, Duration> every = new EnumMap<>(LeadGrade.class);
        cadence().forEach((grade, d) -> every.put(LeadGrade.parse(grade).orElseThrow(
                () -> new IllegalArgumentException("forecourt.lead.cadence." + grade + ": not a grade (O, H, A, B, C)")), d));
        return Cadence.of(every);
    }

    default OverdueRule overdueRule() {
        return new OverdueRule(managerDelay());
    }
}
