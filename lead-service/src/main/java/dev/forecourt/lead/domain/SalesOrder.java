package dev.forecourt.lead.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The order that ends a won lead: terms, the car allocated to it, inspection and delivery. */
@Entity
@Table(name = "sales_order")
public class SalesOrder extends StoreOwnedEntity {

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "consultant_id")
    public String consultantId;

    /** An {@link OrderStatus} name. */
    @Column(nullable = false)
    public String status = OrderStatus.ORDERED.name();

    @Column(nullable = false)
    public String brand;

    public String series;

    @Column(nullable = false)
    public String model;

    @Column(nullable = false)
    public BigDecimal price;

    @Column(nullable = false)
    public String currency = "CNY";

    @Column(nullable = false)
    public BigDecimal deposit = BigDecimal.ZERO;

    @Column(nullable = false)
    public boolean finance;

    @Column(nullable = false)
    public boolean insurance;

    @Column(name = "trade_in_vin")
    public String tradeInVin;

    public String vin;

    @Column(name = "inspected_at")
    public Instant inspectedAt;

    @Column(name = "delivered_on")
    public LocalDate deliveredOn;

    @Column(name = "cancel_reason")
    public String cancelReason;

    public OrderStatus statusValue() {
        return OrderStatus.valueOf(status);
    }
}
