package dev.forecourt.aftersales.events;

import java.util.UUID;

/** What aftersales-service publishes on {@code aftersales-events} (schemas in src/main/resources/schemas/events/). */
public final class AftersalesEvents {

    public static final String REPAIR_ORDER = "repair-order";
    public static final String REPAIR_ORDER_OPENED = "forecourt.aftersales.repair-order-opened.v1";

    public record RepairOrderOpened(UUID repairOrderId, String storeId, String vin, String orderType, UUID customerId) {
    }

    private AftersalesEvents() {
    }
}
