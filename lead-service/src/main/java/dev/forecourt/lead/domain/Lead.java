package dev.forecourt.lead.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.UUID;

@Entity
@Table(name = "lead")
public class Lead extends StoreOwnedEntity {

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

}
