package dev.forecourt.customer.service;

import dev.forecourt.customer.api.CustomerInput;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.CustomerIdentifier;
import dev.forecourt.customer.domain.Vehicle;
import dev.forecourt.platform.vehicle.Vin;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finding the customer another service or channel means: find-or-create by ID number, phone or
 * VIN within a store, and duplicate candidates with the reason they match.
 */
@ApplicationScoped
public class IdentityResolution {

    /** What a caller knows about the person; at least one of phone, idNumber, vin. */
    public record Probe(String storeId, String phone, String idNumber, String vin, Customer.Kind kind, String name,
                        String sourceChannel) {
    }

    public record Resolution(Customer customer, boolean created, String matchedOn) {
    }

    public record Candidate(UUID customerId, String storeId, List<String> reasons) {
    }

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    PersonalData personal;

    @Inject
    CustomerRegistry registry;

    @Inject
    VehicleRegistry vehicles;

    /**
     * The store's customer with this ID number, phone or VIN (checked in that order: the most
     * specific first), or a new one registered from the probe. Concurrent calls for the same
     * identifiers serialise on an advisory lock, so they cannot create two records.
     */
    @Transactional
    public Resolution findOrCreate(Probe p) {
        user.requireStore(p.storeId());
        Optional<String> idNumber = PersonalData.normalise(CustomerIdentifier.Kind.ID_CARD, p.idNumber());
        Optional<String> phone = PersonalData.normalise(CustomerIdentifier.Kind.PHONE, p.phone());
        String vin = Vin.normalise(p.vin());
        if (idNumber.isEmpty() && phone.isEmpty() && vin == null) {
            throw ProblemException.invalid("phone", "OneIdentifierRequired", "give a phone, an ID number or a VIN");
        }
        List<byte[]> hashes = new ArrayList<>();
        idNumber.ifPresent(v -> hashes.add(personal.hash(CustomerIdentifier.Kind.ID_CARD, v)));
        phone.ifPresent(v -> hashes.add(personal.hash(CustomerIdentifier.Kind.PHONE, v)));
        for (byte[] hash : hashes) {
            lock(hash);
        }
        if (vin != null) {
            lock(vin.getBytes());
        }
        if (idNumber.isPresent()) {
            Optional<Customer> c = byHash(p.storeId(), personal.hash(CustomerIdentifier.Kind.ID_CARD, idNumber.get()));
            if (c.isPresent()) return new Resolution(c.get(), false, "ID_NUMBER");
        }
        if (phone.isPresent()) {
            Optional<Customer> c = byHash(p.storeId(), personal.hash(CustomerIdentifier.Kind.PHONE, phone.get()));
            if (c.isPresent()) return new Resolution(c.get(), false, "PHONE");
        }
        if (vin != null) {
            Vehicle v = Vehicle.find("vin", vin).firstResult();
            if (v != null) {
                Customer owner = Customer.findById(v.ownerId);
                if (owner != null && owner.storeId.equals(p.storeId()) && owner.mergedInto == null) {
                    return new Resolution(owner, false, "VIN");
                }
            }
        }
        Customer created = registry.register(new CustomerInput(p.storeId(),
                p.kind() == null ? Customer.Kind.INDIVIDUAL : p.kind(), p.sourceChannel(), p.name(), null, null, null,
                phone.map(List::of).orElse(null), null, idNumber.orElse(null), null, null, null, null, null, null));
        if (vin != null && Vehicle.count("vin", vin) == 0) {
            vehicles.register(created, new VehicleRegistry.Details(vin, null, null, null, null, null, null, null, null,
                    null, null, null, false, null, null, null, null), user.id());
        }
        return new Resolution(created, true, null);
    }

    private Optional<Customer> byHash(String storeId, byte[] hash) {
        return Customer.<Customer>find("storeId = ?1 and mergedInto is null and id in"
                        + " (select i.customerId from CustomerIdentifier i where i.valueHash = ?2) order by createdAt",
                storeId, hash).firstResultOptional();
    }

    /** Other visible, unmerged customers sharing a phone, email or ID number with this one. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Candidate> duplicatesOf(UUID customerId) {
        Customer c = registry.get(customerId);
        List<Object[]> rows = em.createNativeQuery("SELECT o.customer_id, oc.store_id, o.kind FROM customer_identifier mine"
                        + " JOIN customer_identifier o ON o.value_hash = mine.value_hash AND o.customer_id <> mine.customer_id"
                        + " JOIN customer oc ON oc.id = o.customer_id AND oc.merged_into IS NULL"
                        + " WHERE mine.customer_id = ?1 ORDER BY o.customer_id, o.kind")
                .setParameter(1, c.id).getResultList();
        Map<UUID, Candidate> byId = new LinkedHashMap<>();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            String storeId = (String) r[1];
            if (!user.stores().allows(storeId)) {
                continue;
            }
            String reason = switch ((String) r[2]) {
                case "PHONE" -> "same phone";
                case "EMAIL" -> "same email";
                default -> "same ID number";
            };
            Candidate existing = byId.computeIfAbsent(id, k -> new Candidate(k, storeId, new ArrayList<>()));
            if (!existing.reasons().contains(reason)) {
                existing.reasons().add(reason);
            }
        }
        return List.copyOf(byId.values());
    }

    private void lock(byte[] key) {
        long k = ByteBuffer.wrap(java.util.Arrays.copyOf(key, 8)).getLong();
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, k).getSingleResult();
    }
}
