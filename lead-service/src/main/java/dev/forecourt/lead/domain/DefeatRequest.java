package dev.forecourt.lead.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A consultant's request to give a lead up (战败), and the manager's decision on it. */
@Entity
@Table(name = "defeat_request")
public class DefeatRequest extends PanacheEntityBase {

    public enum Status { REQUESTED, APPROVED, RETURNED }

    @Id
    public UUID id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "store_id", nullable = false)
    public String storeId;

    /** A {@link DefeatReason} name. */
    @Column(nullable = false)
    public String reason;

    public String competitor;

    public String note;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(nullable = false)
    public String status = Status.REQUESTED.name();

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_note")
    public String decisionNote;
}
