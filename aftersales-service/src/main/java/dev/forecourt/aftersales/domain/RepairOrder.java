package dev.forecourt.aftersales.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A repair order (维修委托单) opened for a vehicle at a store. */
@Entity
@Table(name = "repair_order")
public class RepairOrder extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "store_id", nullable = false)
    public String storeId;

    @Column(name = "vin", nullable = false)
    public String vin;

    @Column(name = "order_type", nullable = false)
    public String orderType;

    @Column(name = "status", nullable = false)
    public String status = "OPEN";

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Version
    public long version;
}
