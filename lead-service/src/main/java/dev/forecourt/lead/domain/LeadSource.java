package dev.forecourt.lead.domain;

/** Where a lead came from (DOMAIN.md §2, Sources). */
public enum LeadSource {
    SHOWROOM, PHONE, WEBSITE, AUTO_PORTAL, OEM, EXHIBITION, TEST_DRIVE_EVENT, CUSTOMER_REFERRAL,
    STAFF_REFERRAL, DIRECT_MAIL, AREA_CAMPAIGN, BASE_CUSTOMER
}
