package dev.forecourt.customer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A phone, email or ID-card number of a customer: sealed, with its keyed hash for exact look-up.
 * Keyed by customer and id (V11): it is always reached through its customer, so moving it to another
 * customer changes its key, which is done with a bulk update (see {@code Merges}).
 */
@Entity
@Table(name = "customer_identifier")
@IdClass(CustomerIdentifier.Key.class)
public class CustomerIdentifier extends PanacheEntityBase {

    /** The primary key. */
    public record Key(UUID customerId, UUID id) implements Serializable {
    }

    public enum Kind {
        PHONE, EMAIL, ID_CARD;

        private final String context = "customer." + name().toLowerCase(java.util.Locale.ROOT);

        /** The encryption and hash context, binding a value to what it is. */
        public String context() {
            return context;
        }
    }

    @Id
    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Id
    public UUID id;

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
