package dev.forecourt.customer.service;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.Vehicle;
import dev.forecourt.platform.vehicle.Vin;
import dev.forecourt.customer.domain.WarrantyPolicy;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.platform.api.ETags;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Vehicles, who owns them and how far they have been driven. */
@ApplicationScoped
public class VehicleRegistry {

    /** What a vehicle registration or change carries (VIN validated before it gets here). */
    public record Details(String vin, String plate, String brand, String series, String model, String trim,
                          String colour, String engineNumber, String displacement, LocalDate productionDate,
                          LocalDate registrationDate, LocalDate purchaseDate, Boolean soldByUs, LocalDate warrantyEnd,
                          Integer warrantyKm, LocalDate insuranceExpiry, LocalDate inspectionDue) {
    }

    public record Ownership(UUID customerId, LocalDate from, LocalDate until) {
    }

    public record Reading(LocalDate readOn, int km, String source) {
    }

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    @Inject
    ChangeLog changeLog;

    @Inject
    CustomerRegistry customers;

    @Inject
    WarrantyPolicy warranty;

    /** Registers a vehicle to a visible customer; 409 if the VIN is already known. */
    @Transactional
    public Vehicle register(UUID customerId, Details d) {
        Customer owner = customers.getLive(customerId, "vehicles");
        return register(owner, d, user.id());
    }

    /** Registers a vehicle to a customer already checked by the caller (also used by event consumers). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Vehicle register(Customer owner, Details d, String actor) {
        String vin = Vin.normalise(d.vin());
        if (Vehicle.count("vin", vin) > 0) {
            throw ProblemException.conflict("a vehicle with VIN " + vin + " is already registered; transfer it instead");
        }
        Vehicle v = new Vehicle();
        v.id = UUID.randomUUID();
        v.storeId = owner.storeId;
        v.vin = vin;
        v.ownerId = owner.id;
        v.ownerSince = d.purchaseDate();
        set(v, d);
        v.persist();
        outbox.publish(new DomainEvent(CustomerEvents.VEHICLE_REGISTERED, CustomerEvents.VEHICLE, v.id.toString(),
                owner.storeId, new CustomerEvents.VehicleRegistered(v.id, v.vin, owner.id, owner.storeId, v.brand,
                v.series, v.model, v.purchaseDate, v.soldByUs)));
        return v;
    }

    private void set(Vehicle v, Details d) {
        v.plate = d.plate();
        v.brand = d.brand();
        v.series = d.series();
        v.model = d.model();
        v.trim = d.trim();
        v.colour = d.colour();
        v.engineNumber = d.engineNumber();
        v.displacement = d.displacement();
        v.productionDate = d.productionDate();
        v.registrationDate = d.registrationDate();
        v.purchaseDate = d.purchaseDate();
        v.soldByUs = Boolean.TRUE.equals(d.soldByUs());
        v.warrantyEnd = d.warrantyEnd() != null ? d.warrantyEnd() : warranty.endDate(d.purchaseDate(), d.brand());
        v.warrantyKm = d.warrantyKm() != null ? d.warrantyKm() : warranty.termsFor(d.brand()).km();
        v.insuranceExpiry = d.insuranceExpiry();
        v.inspectionDue = d.inspectionDue();
    }

    @Transactional
    public Vehicle get(UUID id) {
        return user.visible(Vehicle.<Vehicle>findById(id), v -> v.storeId, "vehicle", id);
    }

    /** What can change on a vehicle's record (null: unchanged); its identity (VIN, make, model) cannot. */
    public record Changes(String plate, String colour, LocalDate registrationDate, LocalDate warrantyEnd, Integer warrantyKm,
                          LocalDate insuranceExpiry, LocalDate inspectionDue) {
    }

    /**
     * Changes a visible vehicle if {@code ifMatch} is its current version (412 otherwise); each change is
     * recorded in its owner's history and the changed fields' names are published. A vehicle of a record
     * merged into another belongs to the survivor already, so no such check is needed.
     */
    @Transactional
    public Vehicle update(UUID vehicleId, String ifMatch, Changes in) {
        Vehicle v = get(vehicleId);
        ETags.requireMatch(ifMatch, v.version);
        List<ChangeLog.Change> changes = new java.util.ArrayList<>();
        v.plate = changed(changes, "plate", v.plate, in.plate());
        v.colour = changed(changes, "colour", v.colour, in.colour());
        v.registrationDate = changed(changes, "registrationDate", v.registrationDate, in.registrationDate());
        v.warrantyEnd = changed(changes, "warrantyEnd", v.warrantyEnd, in.warrantyEnd());
        v.warrantyKm = changed(changes, "warrantyKm", v.warrantyKm, in.warrantyKm());
        v.insuranceExpiry = changed(changes, "insuranceExpiry", v.insuranceExpiry, in.insuranceExpiry());
        v.inspectionDue = changed(changes, "inspectionDue", v.inspectionDue, in.inspectionDue());
        if (changes.isEmpty()) {
            return v;
        }
        v.persistAndFlush(); // increments the version, which the event carries
        changeLog.record(v.ownerId, user.id(), changes.stream().map(c -> new ChangeLog.Change("vehicle." + c.field(),
                c.oldValue(), c.newValue())).toList(), "vehicle " + v.vin);
        outbox.publish(new DomainEvent(CustomerEvents.VEHICLE_UPDATED, CustomerEvents.VEHICLE, v.id.toString(), v.storeId,
                new CustomerEvents.VehicleUpdated(v.id, v.vin, v.ownerId, v.storeId,
                        changes.stream().map(ChangeLog.Change::field).toList(), v.version)));
        return v;
    }

    private static <T> T changed(List<ChangeLog.Change> changes, String field, T current, T requested) {
        if (requested == null || requested.equals(current)) {
            return current;
        }
        changes.add(new ChangeLog.Change(field, current == null ? null : current.toString(), requested.toString()));
        return requested;
    }

    /** The vehicles of a customer visible to the caller (404 otherwise). */
    @Transactional
    public List<Vehicle> ofCustomer(UUID customerId) {
        return Vehicle.list("ownerId = ?1 order by createdAt, id", customers.get(customerId).id);
    }

    /** Hands the car to another customer of a store the caller acts for; the old owner goes into the history. */
    @Transactional
    public Vehicle transfer(UUID vehicleId, UUID toCustomerId, LocalDate on) {
        Vehicle v = get(vehicleId);
        em.lock(v, LockModeType.PESSIMISTIC_WRITE);
        Customer to = customers.getLive(toCustomerId, "vehicles");
        if (to.id.equals(v.ownerId)) {
            throw ProblemException.invalid("customerId", "NewOwner", "the vehicle already belongs to this customer");
        }
        if (v.ownerSince != null && on.isBefore(v.ownerSince)) {
            throw ProblemException.invalid("on", "AfterOwnerSince",
                    "must not be before the current owner's start " + v.ownerSince);
        }
        UUID from = v.ownerId;
        em.createNativeQuery("INSERT INTO vehicle_ownership (vehicle_id, customer_id, owned_from, owned_until)"
                        + " VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, v.id).setParameter(2, from).setParameter(3, v.ownerSince).setParameter(4, on)
                .executeUpdate();
        v.ownerId = to.id;
        v.ownerSince = on;
        v.persistAndFlush();
        outbox.publish(new DomainEvent(CustomerEvents.VEHICLE_TRANSFERRED, CustomerEvents.VEHICLE, v.id.toString(),
                to.storeId, new CustomerEvents.VehicleTransferred(v.id, v.vin, from, to.id, on)));
        return v;
    }

    @SuppressWarnings("unchecked")
    public List<Ownership> previousOwners(UUID vehicleId) {
        List<Object[]> rows = em.createNativeQuery("SELECT customer_id, owned_from, owned_until FROM vehicle_ownership"
                + " WHERE vehicle_id = ?1 ORDER BY id").setParameter(1, vehicleId).getResultList();
        return rows.stream().map(r -> new Ownership((UUID) r[0], date(r[1]), date(r[2]))).toList();
    }

    /** Why a reading was not recorded: the rule it broke and the message naming the reading in the way. */
    public record ReadingRefused(String rule, String message) {
    }

    /**
     * Records a reading on a visible vehicle; an odometer only goes up, so a reading below an earlier one,
     * or above a later one (a reading entered late), is refused.
     */
    @Transactional
    public Reading addReading(UUID vehicleId, Reading reading) {
        Vehicle v = get(vehicleId);
        ReadingRefused refused = recordReading(v, reading);
        if (refused != null) {
            throw ProblemException.invalid("km", refused.rule(), refused.message());
        }
        return reading;
    }

    /** Records the reading unless the odometer would go down on either side of it; returns why when refused, else null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ReadingRefused recordReading(Vehicle v, Reading reading) {
        em.lock(v, LockModeType.PESSIMISTIC_WRITE);
        Object[] around = (Object[]) em.createNativeQuery("SELECT"
                        + " (SELECT max(km) FROM odometer_reading WHERE vehicle_id = ?1 AND read_on <= ?2),"
                        + " (SELECT min(km) FROM odometer_reading WHERE vehicle_id = ?1 AND read_on > ?2)")
                .setParameter(1, v.id).setParameter(2, reading.readOn()).getSingleResult();
        if (around[0] instanceof Number maxBefore && reading.km() < maxBefore.intValue()) {
            return new ReadingRefused("NotBelowEarlierReading", "must be at least " + maxBefore + " (an earlier reading)");
        }
        if (around[1] instanceof Number minAfter && reading.km() > minAfter.intValue()) {
            return new ReadingRefused("NotAboveLaterReading", "must be at most " + minAfter + " (a later reading)");
        }
        em.createNativeQuery("INSERT INTO odometer_reading (vehicle_id, read_on, km, source) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, v.id).setParameter(2, reading.readOn()).setParameter(3, reading.km())
                .setParameter(4, reading.source()).executeUpdate();
        return null;
    }

    @SuppressWarnings("unchecked")
    public List<Reading> readings(UUID vehicleId) {
        List<Object[]> rows = em.createNativeQuery("SELECT read_on, km, source FROM odometer_reading"
                + " WHERE vehicle_id = ?1 ORDER BY read_on, id").setParameter(1, vehicleId).getResultList();
        return rows.stream().map(r -> new Reading(date(r[0]), ((Number) r[1]).intValue(), (String) r[2])).toList();
    }

    private static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof LocalDate d ? d : ((java.sql.Date) o).toLocalDate();
    }
}
