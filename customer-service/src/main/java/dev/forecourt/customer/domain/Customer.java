package dev.forecourt.customer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    public enum Kind { INDIVIDUAL, COMPANY }

    @Id
    public UUID id;

    @Column(name = "store_id", nullable = false)
    public String storeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "lifecycle_class", nullable = false)
    public String lifecycleClass = "POTENTIAL";

    /** Where the customer first came from (showroom, phone, website, OEM, ...). */
    @Column(name = "source_channel")
    public String sourceChannel;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Version
    public long version;
}
