package dev.forecourt.aftersales.domain;

/** Repair-order types of DOMAIN.md §3. */
public enum RepairOrderType {
    FIRST_MAINTENANCE, MAINTENANCE, WARRANTY, MINOR_REPAIR, LEVEL2_MAINTENANCE, MAJOR_REPAIR, ACCIDENT
}
