package dev.forecourt.lead.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A customer lead-service knows customer-service has (see KnownCustomers; no personal data). */
@Entity
@Table(name = "known_customer")
public class KnownCustomer extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "store_id", nullable = false)
    public String storeId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;
}
