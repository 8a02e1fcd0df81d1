package dev.forecourt.customer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A phone, email or ID-card number of a customer: sealed, with its keyed hash for exact look-up. */
@Entity
@Table(name = "customer_identifier")
public class CustomerIdentifier extends PanacheEntityBase {

    public enum Kind {
        PHONE, EMAIL, ID_CARD;

        private final String context = "customer." + name().toLowerCase(java.util.Locale.ROOT);

        /** The encryption and hash context, binding a value to what it is. */
        public String context() {
            return context;
        }
    }

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "value_enc", nullable = false)
    public byte[] valueEnc;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(name = "value_hash", nullable = false)
    public byte[] valueHash;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt = Instant.now();
}
