package dev.forecourt.lead.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Escalation of an undone follow-up: flagged to the consultant at its due time and to the sales
 * manager {@code managerDelay} later (DOMAIN.md §2: "after one more day"). Configurable so a
 * dealer group can tighten it; zero means both are told at once.
 */
public record OverdueRule(Duration managerDelay) {

    public OverdueRule {
        Objects.requireNonNull(managerDelay, "managerDelay");
        if (managerDelay.isNegative()) {
            throw new IllegalArgumentException("managerDelay must not be negative, was " + managerDelay);
        }
    }

    /** The DOMAIN.md rule: the manager is told one day after the consultant. */
    public static OverdueRule defaults() {
        return new OverdueRule(Duration.ofDays(1));
    }

    /**
     * The levels a follow-up due at {@code dueAt} has reached by {@code now}, lowest first:
     * none before the due time, the consultant from the due time itself, and the manager as
     * well from {@code dueAt + managerDelay} (both boundaries inclusive).
     */
    public List<OverdueLevel> reached(Instant dueAt, Instant now) {
        Objects.requireNonNull(now, "now");
        if (now.isBefore(flagAt(OverdueLevel.CONSULTANT, dueAt))) {
            return List.of();
        }
        if (now.isBefore(flagAt(OverdueLevel.MANAGER, dueAt))) {
            return List.of(OverdueLevel.CONSULTANT);
        }
        return List.of(OverdueLevel.CONSULTANT, OverdueLevel.MANAGER);
    }

    /** When a follow-up due at {@code dueAt} is flagged to {@code level} (so a scheduler can wake up then). */
    public Instant flagAt(OverdueLevel level, Instant dueAt) {
        Objects.requireNonNull(dueAt, "dueAt");
        return switch (Objects.requireNonNull(level, "level")) {
            case CONSULTANT -> dueAt;
            case MANAGER -> dueAt.plus(managerDelay);
        };
    }
}
