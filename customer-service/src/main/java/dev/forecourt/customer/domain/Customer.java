package dev.forecourt.customer.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A customer of one store (DOMAIN.md §1). Personal values are held only as sealed envelopes
 * ({@code *Enc}); {@link dev.forecourt.customer.service.PersonalData} opens and seals them.
 */
@Entity
@Table(name = "customer")
public class Customer extends StoreOwnedEntity {

    public enum Kind { INDIVIDUAL, COMPANY }

    public enum Gender { MALE, FEMALE, OTHER }

    public enum OwnerCategory { PRIVATE, COMPANY_FLEET, TAXI, INSURANCE_ACCIDENT }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "lifecycle_class", nullable = false)
    public LifecycleClass lifecycleClass = LifecycleClass.POTENTIAL;

    /** The lead grade while the customer is {@code INTENT}. */
    @Enumerated(EnumType.STRING)
    @Column(name = "lead_grade")
    public LeadGrade leadGrade;

    @Enumerated(EnumType.STRING)
    @Column(name = "lost_stage")
    public LostStage lostStage;

    /** Where the customer first came from (showroom, phone, website, OEM, ...). */
    @Column(name = "source_channel")
    public String sourceChannel;

    @Column(name = "name_enc")
    public byte[] nameEnc;

    @Enumerated(EnumType.STRING)
    public Gender gender;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "owner_category")
    public OwnerCategory ownerCategory;

    public String province;
    public String city;
    public String district;

    @Column(name = "street_enc")
    public byte[] streetEnc;

    public BigDecimal latitude;
    public BigDecimal longitude;
    public String occupation;

    @Column(name = "family_situation")
    public String familySituation;

    @Column(name = "preferred_channel")
    public String preferredChannel;

    @Column(name = "preferred_contact_time")
    public String preferredContactTime;

    /** Comma-separated interest tags. */
    public String interests;

    public boolean vip;

    @Column(name = "vip_reason")
    public String vipReason;

    @Enumerated(EnumType.STRING)
    @Column(name = "value_tier", nullable = false)
    public ValueTier valueTier = ValueTier.POTENTIAL;

    /** Set when this record was merged into another; such a record is hidden from lists and look-ups. */
    @Column(name = "merged_into")
    public UUID mergedInto;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
