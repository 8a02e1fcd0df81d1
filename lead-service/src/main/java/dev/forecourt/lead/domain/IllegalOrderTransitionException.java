package dev.forecourt.lead.domain;

import java.util.Set;

/** A sales-order status change the {@link OrderStatus} table does not allow; names what would have been. */
public final class IllegalOrderTransitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalOrderTransitionException(OrderStatus from, OrderStatus to) {
        super("order cannot go from " + from + " to " + to + "; allowed: " + from.next());
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }

    /** The statuses {@link #from()} could have moved to instead (empty when it is terminal). */
    public Set<OrderStatus> allowed() {
        return from.next();
    }
}
