package dev.forecourt.platform.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * What every record that belongs to a store has: a UUID id, the store, when it was created, and
 * the version that optimistic concurrency (ETag / If-Match) checks. Tables name the columns
 * {@code id}, {@code store_id}, {@code created_at} and {@code version}.
 */
@MappedSuperclass
public abstract class StoreOwnedEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "store_id", nullable = false)
    public String storeId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Version
    public long version;
}
