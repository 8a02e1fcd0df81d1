package dev.forecourt.lead.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where a sales order is in the sales flow (DOMAIN.md §2): ordered, vehicle allocated (VIN),
 * pre-delivery inspection passed, delivered. Steps cannot be skipped, because each one records
 * something the next relies on (the VIN, the inspection), and an order can be cancelled at any
 * point before delivery but never after: a delivered car is a sale, undone only by a return.
 */
public enum OrderStatus {
    ORDERED, ALLOCATED, INSPECTED, DELIVERED, CANCELLED;

    /** The statuses this one may move to, in declaration (flow) order; empty for terminal statuses. */
    public Set<OrderStatus> next() {
        return switch (this) {
            case ORDERED -> of(ALLOCATED, CANCELLED);
            case ALLOCATED -> of(INSPECTED, CANCELLED);
            case INSPECTED -> of(DELIVERED, CANCELLED);
            case DELIVERED, CANCELLED -> Collections.unmodifiableSet(EnumSet.noneOf(OrderStatus.class));
        };
    }

    public boolean canMoveTo(OrderStatus to) {
        return next().contains(to);
    }

    /**
     * @return {@code to}, so callers can write {@code order.status = order.status.moveTo(x)}
     * @throws IllegalOrderTransitionException when {@link #canMoveTo} is false
     */
    public OrderStatus moveTo(OrderStatus to) {
        Objects.requireNonNull(to, "to");
        if (!canMoveTo(to)) {
            throw new IllegalOrderTransitionException(this, to);
        }
        return to;
    }

    /** True for DELIVERED and CANCELLED, which nothing follows. */
    public boolean isTerminal() {
        return next().isEmpty();
    }

    private static Set<OrderStatus> of(OrderStatus first, OrderStatus... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }
}
