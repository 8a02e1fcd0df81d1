package dev.forecourt.aftersales.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.UUID;

/** A repair order (维修委托单) opened for a vehicle at a store. */
@Entity
@Table(name = "repair_order")
public class RepairOrder extends StoreOwnedEntity {

    @Column(name = "vin", nullable = false)
    public String vin;

    @Column(name = "order_type", nullable = false)
    public String orderType;

    @Column(name = "status", nullable = false)
    public String status = "OPEN";

    @Column(name = "customer_id")
    public UUID customerId;

}
