package dev.forecourt.lead.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "store_id", nullable = false)
    public String storeId;

    @Column(name = "customer_id")
    public UUID customerId;

    /** The consultant's user id (the token subject); null while unassigned. */
    @Column(name = "consultant_id")
    public String consultantId;

    @Column(nullable = false)
    public String source;

    /** O/H/A/B/C (DOMAIN.md §2). */
    @Column(nullable = false)
    public String grade = "C";

    @Column(nullable = false)
    public String stage = "NEW";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Version
    public long version;
}
