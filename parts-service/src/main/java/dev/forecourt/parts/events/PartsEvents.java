package dev.forecourt.parts.events;

import java.util.UUID;

/** What parts-service publishes on {@code parts-events} (schemas in src/main/resources/schemas/events/). */
public final class PartsEvents {

    public static final String PART = "part";
    public static final String PART_ADDED = "forecourt.parts.part-added.v1";
    public static final String STOCK_RECEIVED = "forecourt.parts.stock-received.v1";

    public record PartAdded(UUID partId, String storeId, String partNumber, String category) {
    }

    public record StockReceived(UUID partId, String storeId, String partNumber, int quantity, int onHand, String batch) {
    }

    private PartsEvents() {
    }
}
