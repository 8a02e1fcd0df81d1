package dev.forecourt.customer.domain;

import dev.forecourt.platform.persistence.StoreOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.UUID;

/** A car a customer owns; earlier owners are in {@code vehicle_ownership}. */
@Entity
@Table(name = "vehicle")
public class Vehicle extends StoreOwnedEntity {

    @Column(nullable = false, unique = true)
    public String vin;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(name = "owner_since")
    public LocalDate ownerSince;

    public String plate;
    public String brand;
    public String series;
    public String model;

    @Column(name = "trim_level")
    public String trim;

    public String colour;

    @Column(name = "engine_number")
    public String engineNumber;

    public String displacement;

    @Column(name = "production_date")
    public LocalDate productionDate;

    @Column(name = "registration_date")
    public LocalDate registrationDate;

    @Column(name = "purchase_date")
    public LocalDate purchaseDate;

    @Column(name = "sold_by_us", nullable = false)
    public boolean soldByUs;

    @Column(name = "warranty_end")
    public LocalDate warrantyEnd;

    @Column(name = "warranty_km")
    public Integer warrantyKm;

    @Column(name = "insurance_expiry")
    public LocalDate insuranceExpiry;

    @Column(name = "inspection_due")
    public LocalDate inspectionDue;
}
