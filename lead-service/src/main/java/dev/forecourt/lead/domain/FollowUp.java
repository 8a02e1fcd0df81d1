package dev.forecourt.lead.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One contact with the prospect: channel, what was said, how it went, what comes next. Never changed. */
@Entity
@Table(name = "follow_up")
public class FollowUp extends PanacheEntityBase {

    public enum Channel { VISIT, PHONE, STORE_VISIT, MAIL, SMS, WECHAT }

    @Id
    public UUID id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "store_id", nullable = false)
    public String storeId;

    @Column(name = "consultant_id", nullable = false)
    public String consultantId;

    @Column(nullable = false)
    public String channel;

    @Column(nullable = false)
    public String content;

    public String outcome;

    @Column(name = "next_step")
    public String nextStep;

    @Column(name = "done_at", nullable = false)
    public Instant doneAt;
}
