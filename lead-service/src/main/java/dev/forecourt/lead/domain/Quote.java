package dev.forecourt.lead.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A price quoted to a lead's customer for a model, with the discount given and how long it holds. */
@Entity
@Table(name = "quote")
public class Quote extends StoreOwnedEntity {

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "consultant_id")
    public String consultantId;

    @Column(nullable = false)
    public String brand;

    public String series;

    @Column(nullable = false)
    public String model;

    @Column(name = "list_price", nullable = false)
    public BigDecimal listPrice;

    @Column(nullable = false)
    public BigDecimal discount = BigDecimal.ZERO;

    @Column(nullable = false)
    public String currency = "CNY";

    @Column(name = "valid_until", nullable = false)
    public LocalDate validUntil;

    public String note;

    /** What the customer pays: list price less discount. */
    public BigDecimal price() {
        return listPrice.subtract(discount);
    }
}
