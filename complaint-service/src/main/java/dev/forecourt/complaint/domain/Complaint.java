package dev.forecourt.complaint.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A customer complaint handled by a store. */
@Entity
@Table(name = "complaint")
public class Complaint extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "store_id", nullable = false)
    public String storeId;

    @Column(name = "channel", nullable = false)
    public String channel;

    @Column(name = "category", nullable = false)
    public String category;

    @Column(name = "status", nullable = false)
    public String status = "OPEN";

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "acknowledge_by")
    public Instant acknowledgeBy;

    @Column(name = "resolve_by")
    public Instant resolveBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Version
    public long version;
}
