package dev.forecourt.customer.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

@Entity
@Table(name = "customer")
public class Customer extends StoreOwnedEntity {

    public enum Kind { INDIVIDUAL, COMPANY }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "lifecycle_class", nullable = false)
    public String lifecycleClass = "POTENTIAL";

    /** Where the customer first came from (showroom, phone, website, OEM, ...). */
    @Column(name = "source_channel")
    public String sourceChannel;
}
