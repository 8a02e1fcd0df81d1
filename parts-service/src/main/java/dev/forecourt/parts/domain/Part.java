package dev.forecourt.parts.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A part a store stocks: catalogue data for now, stock lots arrive with the parts issue. */
@Entity
@Table(name = "part")
public class Part extends StoreOwnedEntity {

    @Column(name = "part_number", nullable = false)
    public String partNumber;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "category", nullable = false)
    public String category;

    @Column(name = "on_hand", nullable = false)
    public int onHand;

    /** Books goods in; the quantity must be positive. */
    public void receive(int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("a receipt adds a positive quantity, not " + quantity);
        }
        onHand = Math.addExact(onHand, quantity);
    }
}
