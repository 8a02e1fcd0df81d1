package dev.forecourt.complaint.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A customer complaint handled by a store. */
@Entity
@Table(name = "complaint")
public class Complaint extends StoreOwnedEntity {

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

}
