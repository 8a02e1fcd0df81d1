package dev.forecourt.lead.domain;

/**
 * Who is told about an overdue follow-up (DOMAIN.md §2): the consultant as soon as it is due,
 * the sales manager once it has stayed undone for a further {@link OverdueRule#managerDelay()}.
 */
public enum OverdueLevel {
    CONSULTANT, MANAGER
}
