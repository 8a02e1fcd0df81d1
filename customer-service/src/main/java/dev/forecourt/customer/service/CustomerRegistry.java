package dev.forecourt.customer.service;

import dev.forecourt.customer.api.CustomerInput;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.CustomerIdentifier;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.platform.api.ETags;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.pii.Masking;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Registering and changing customers. Every change commits with its audit entries (old → new,
 * personal values masked) and its event (field names only, never values).
 */
@ApplicationScoped
public class CustomerRegistry {

    /** Fields whose values are personal: audited masked. */
    private static final Set<String> PERSONAL = Set.of("name", "street", "phones", "emails", "idNumber");

    /** A customer with its decrypted identifiers. */
    public record Full(Customer customer, List<String> phones, List<String> emails, String idNumber) {
    }

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    @Inject
    PersonalData personal;

    @Inject
    ChangeLog changeLog;

    @Transactional
    public Customer register(CustomerInput in) {
        user.requireStore(in.storeId());
        Customer c = new Customer();
        c.id = UUID.randomUUID();
        c.storeId = in.storeId();
        c.kind = in.kind();
        Map<String, String> before = describe(c, List.of());
        applyProfile(c, in);
        c.persist(); // before its identifiers (foreign key), after its fields (so it is inserted at version 0)
        List<CustomerIdentifier> ids = applyIdentifiers(c, in, List.of());
        changeLog.record(c.id, user.id(), diff(before, describe(c, ids)), "registered");
        outbox.publish(new DomainEvent(CustomerEvents.REGISTERED, CustomerEvents.AGGREGATE, c.id.toString(), c.storeId,
                new CustomerEvents.Registered(c.id, c.storeId, c.kind.name(), c.lifecycleClass.name(), c.sourceChannel)));
        return c;
    }

    /** The customer if visible to the caller (404 otherwise), without opening personal data. */
    @Transactional
    public Customer get(UUID id) {
        return user.visible(Customer.<Customer>findById(id), c -> c.storeId, "customer", id);
    }

    /**
     * The customer if visible to the caller and not merged into another: a merged record is kept only
     * so that the merge can be undone, and a change to it would be hidden and lost (409 naming the
     * survivor, where {@code what} belongs instead).
     */
    @Transactional
    public Customer getLive(UUID id, String what) {
        Customer c = get(id);
        refuseMerged(c, what);
        return c;
    }

    private static void refuseMerged(Customer c, String what) {
        if (c.mergedInto != null) {
            throw ProblemException.conflict("customer " + c.id + " was merged into " + c.mergedInto + "; record " + what
                    + " on that customer");
        }
    }

    /**
     * The customer if visible to the caller, locked for this transaction (one writer per customer,
     * so merges and ledger movements take turns); a record merged into another is refused with
     * 409 naming the survivor, where {@code what} belongs instead.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Customer lockLive(UUID id, String what) {
        Customer c = get(id);
        Customer.getEntityManager().refresh(c, LockModeType.PESSIMISTIC_WRITE);
        refuseMerged(c, what);
        return c;
    }

    /** The full record, personal data opened; the read is audited in the same transaction. */
    @Transactional
    public Full readFull(UUID id) {
        Customer c = get(id);
        changeLog.fullRead(c.id);
        return full(c, identifiers(c.id));
    }

    /** Applies the given (non-null) changes if {@code ifMatch} is the current version. */
    @Transactional
    public Customer update(UUID id, String ifMatch, CustomerInput in) {
        Customer c = getLive(id, "changes");
        ETags.requireMatch(ifMatch, c.version);
        if (in.storeId() != null && !in.storeId().equals(c.storeId)) {
            throw ProblemException.invalid("storeId", "Immutable",
                    "a customer stays in the store that registered it; merge records instead");
        }
        List<CustomerIdentifier> current = identifiers(c.id);
        Map<String, String> before = describe(c, current);
        List<CustomerIdentifier> after = apply(c, in, current);
        List<ChangeLog.Change> changes = diff(before, describe(c, after));
        if (!changes.isEmpty()) {
            c.updatedAt = Instant.now();
            c.persistAndFlush(); // increments the version, which the event carries
            changeLog.record(c.id, user.id(), changes, null);
            outbox.publish(new DomainEvent(CustomerEvents.UPDATED, CustomerEvents.AGGREGATE, c.id.toString(), c.storeId,
                    new CustomerEvents.Updated(c.id, c.storeId, changes.stream().map(ChangeLog.Change::field).toList(),
                            c.version)));
        }
        return c;
    }

    public List<CustomerIdentifier> identifiers(UUID customerId) {
        return CustomerIdentifier.list("customerId = ?1 order by addedAt, id", customerId);
    }

    public Full full(Customer c, List<CustomerIdentifier> ids) {
        List<String> phones = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        String idNumber = null;
        for (CustomerIdentifier i : ids) {
            String value = personal.open(i);
            switch (i.kind) {
                case PHONE -> phones.add(value);
                case EMAIL -> emails.add(value);
                case ID_CARD -> idNumber = value;
            }
        }
        return new Full(c, phones, emails, idNumber);
    }

    /** Sets what the input gives; returns the customer's identifiers afterwards. */
    List<CustomerIdentifier> apply(Customer c, CustomerInput in, List<CustomerIdentifier> current) {
        applyProfile(c, in);
        return applyIdentifiers(c, in, current);
    }

    private void applyProfile(Customer c, CustomerInput in) {
        if (in.kind() != null) c.kind = in.kind();
        if (in.sourceChannel() != null) c.sourceChannel = in.sourceChannel();
        if (in.name() != null) c.nameEnc = personal.seal(in.name().strip(), PersonalData.NAME);
        if (in.gender() != null) c.gender = in.gender();
        if (in.birthDate() != null) c.birthDate = in.birthDate();
        if (in.ownerCategory() != null) c.ownerCategory = in.ownerCategory();
        if (in.address() != null) {
            CustomerInput.Address a = in.address();
            c.province = a.province();
            c.city = a.city();
            c.district = a.district();
            c.streetEnc = personal.seal(a.street(), PersonalData.STREET);
            c.latitude = a.latitude();
            c.longitude = a.longitude();
        }
        if (in.occupation() != null) c.occupation = in.occupation();
        if (in.familySituation() != null) c.familySituation = in.familySituation();
        if (in.preferredChannel() != null) c.preferredChannel = in.preferredChannel();
        if (in.preferredContactTime() != null) c.preferredContactTime = in.preferredContactTime();
        if (in.interests() != null) c.interests = String.join(",", in.interests());
    }

    private List<CustomerIdentifier> applyIdentifiers(Customer c, CustomerInput in, List<CustomerIdentifier> current) {
        List<CustomerIdentifier> result = new ArrayList<>(current);
        replace(c.id, CustomerIdentifier.Kind.PHONE, in.phones(), result);
        replace(c.id, CustomerIdentifier.Kind.EMAIL, in.emails(), result);
        replace(c.id, CustomerIdentifier.Kind.ID_CARD, in.idNumber() == null ? null : List.of(in.idNumber()), result);
        return result;
    }

    /** Replaces the identifiers of one kind when a new list is given and differs from the stored one. */
    private void replace(UUID customerId, CustomerIdentifier.Kind kind, List<String> given,
                         List<CustomerIdentifier> identifiers) {
        if (given == null) {
            return;
        }
        List<String> wanted = given.stream()
                .map(raw -> PersonalData.normalise(kind, raw).orElseThrow(
                        () -> new IllegalArgumentException(kind + " was validated but does not normalise")))
                .distinct().toList();
        List<CustomerIdentifier> existing = identifiers.stream().filter(i -> i.kind == kind).toList();
        if (existing.stream().map(personal::open).toList().equals(wanted)) {
            return;
        }
        for (CustomerIdentifier i : existing) {
            i.delete();
            identifiers.remove(i);
        }
        for (String value : wanted) {
            CustomerIdentifier i = personal.identifier(customerId, kind, value);
            i.persist();
            identifiers.add(i);
        }
    }

    /** The audit view of a customer: field → value in plaintext (masked only when written to the log). */
    private Map<String, String> describe(Customer c, List<CustomerIdentifier> ids) {
        Full f = full(c, ids);
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kind", str(c.kind));
        d.put("sourceChannel", c.sourceChannel);
        d.put("name", c.nameEnc == null ? null : personal.open(c.nameEnc, PersonalData.NAME));
        d.put("gender", str(c.gender));
        d.put("birthDate", str(c.birthDate));
        d.put("ownerCategory", str(c.ownerCategory));
        d.put("province", c.province);
        d.put("city", c.city);
        d.put("district", c.district);
        d.put("street", c.streetEnc == null ? null : personal.open(c.streetEnc, PersonalData.STREET));
        d.put("geo", c.latitude == null ? null : c.latitude + "," + c.longitude);
        d.put("occupation", c.occupation);
        d.put("familySituation", c.familySituation);
        d.put("preferredChannel", c.preferredChannel);
        d.put("preferredContactTime", c.preferredContactTime);
        d.put("interests", c.interests);
        d.put("phones", f.phones().isEmpty() ? null : String.join(",", f.phones()));
        d.put("emails", f.emails().isEmpty() ? null : String.join(",", f.emails()));
        d.put("idNumber", f.idNumber());
        return d;
    }

    private static List<ChangeLog.Change> diff(Map<String, String> before, Map<String, String> after) {
        List<ChangeLog.Change> changes = new ArrayList<>();
        after.forEach((field, value) -> {
            String old = before.get(field);
            if (!Objects.equals(old, value)) {
                changes.add(PERSONAL.contains(field)
                        ? new ChangeLog.Change(field, maskAll(field, old), maskAll(field, value))
                        : new ChangeLog.Change(field, old, value));
            }
        });
        return changes;
    }

    private static String maskAll(String field, String value) {
        if (value == null) {
            return null;
        }
        List<String> masked = new ArrayList<>();
        for (String v : value.split(",")) {
            masked.add(switch (field) {
                case "phones" -> Masking.phone(v);
                case "emails" -> Masking.email(v);
                case "idNumber" -> Masking.idNumber(v);
                case "name" -> Masking.name(v);
                default -> "***";
            });
        }
        return String.join(",", masked);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
