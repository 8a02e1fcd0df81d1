package dev.forecourt.complaint.domain;

/** Channels a complaint arrives through (DOMAIN.md §5). */
public enum ComplaintChannel {
    HOTLINE, IN_STORE, EMAIL, SOCIAL_MEDIA, MANUFACTURER, CONSUMER_ASSOCIATION
}
