package dev.forecourt.lead.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
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

    /** A {@link LeadStage} name. */
    @Column(nullable = false)
    public String stage = "NEW";

    /** The model the customer is interested in. */
    public String brand;
    public String series;
    public String model;

    /** When the next follow-up is due (from the grade's cadence); null once the lead is closed. */
    @Column(name = "next_due_at")
    public Instant nextDueAt;

    /** First follow-up a person made, and the minutes from capture to it (lead response time). */
    @Column(name = "first_contact_at")
    public Instant firstContactAt;

    @Column(name = "response_minutes")
    public Integer responseMinutes;

    @Column(name = "stage_before_defeat")
    public String stageBeforeDefeat;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    /** The prospect's contact, sealed, while the lead waits to be linked to a customer; erased once linked. */
    @Column(name = "contact_enc")
    public byte[] contactEnc;

    @Column(name = "link_attempts", nullable = false)
    public int linkAttempts;

    /** Why the last attempt to link failed, for the people watching the feed. */
    @Column(name = "link_failure")
    public String linkFailure;

    public LeadGrade gradeValue() {
        return LeadGrade.valueOf(grade);
    }

    public LeadStage stageValue() {
        return LeadStage.valueOf(stage);
    }

}
