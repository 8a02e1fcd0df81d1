package dev.forecourt.parts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A part a store stocks: catalogue data for now, stock lots arrive with the parts issue. */
@Entity
@Table(name = "part")
public class Part extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "store_id", nullable = false)
    public String storeId;

    @Column(name = "part_number", nullable = false)
    public String partNumber;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "category", nullable = false)
    public String category;

    @Column(name = "on_hand", nullable = false)
    public int onHand;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Version
    public long version;

    /** Books goods in; the quantity must be positive. */
    public void receive(int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("a receipt adds a positive quantity, not " + quantity);
        }
        onHand = Math.addExact(onHand, quantity);
    }
}
