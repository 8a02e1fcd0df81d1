package dev.forecourt.parts.domain;

/** Part categories of DOMAIN.md §4. */
public enum PartCategory {
    CONSUMABLE, STANDARD_PART, BODY_PANEL, SAFETY_PART
}
