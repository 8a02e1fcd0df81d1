package dev.forecourt.complaint.domain;

/** What a complaint is about (DOMAIN.md §5). */
public enum ComplaintCategory {
    PRODUCT_QUALITY, REPAIR_QUALITY, SERVICE_ATTITUDE, PRICE, WAITING_TIME, PARTS_AVAILABILITY, SALES_PROMISE
}
