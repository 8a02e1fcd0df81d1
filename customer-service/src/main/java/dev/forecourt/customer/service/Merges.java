package dev.forecourt.customer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.CustomerIdentifier;
import dev.forecourt.customer.domain.LifecycleClass;
import dev.forecourt.customer.domain.Survivorship;
import dev.forecourt.customer.domain.Vehicle;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.pii.Masking;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Merging two records of the same person: the survivor and each field's winner come from
 * {@link Survivorship}; identifiers, vehicles, points (ledger and balance), consent entries, spend
 * and visits ({@code customer_activity}, so the value tier follows) and referrals made move to the
 * survivor, which also takes what the merged record knew of the person's class
 * ({@link LifecycleClass#merged}) and VIP status; the merged record stays,
 * marked {@code mergedInto}, so a manager can undo the merge exactly. Other services re-point
 * their references on {@code forecourt.customer.merged.v1}.
 */
@ApplicationScoped
public class Merges {

    /** A profile field as stored (personal ones sealed), its plaintext for comparison, and how to restore it. */
    private record Field(String name, boolean personal, Function<Customer, String> stored,
                         BiConsumer<Customer, String> restore) {
    }

    public record Outcome(UUID mergeId, UUID survivorId, UUID mergedId, List<Survivorship.FieldChoice> choices,
                          Instant mergedAt, String mergedBy, Instant undoneAt, String undoneBy) {
    }

    /**
     * What undo needs: each field's stored value before and after, and what moved. Merges recorded
     * before points and consents moved lack those fields: they read as nothing moved.
     *
     * @param pointsMovements the points ledger rows moved
     * @param pointsCauses    of those, the ones whose cause reference was tagged: id to the original
     * @param points          the balance moved
     * @param consentEntries  the consent entries moved
     * @param activities      the spend and visits moved
     * @param referrals       the referrals made that moved
     * @param referralsOf     the referrals that named the merged record as the customer referred, now the survivor
     * @param classBefore     the survivor's lifecycle class before the merge, when the merge changed it
     * @param classAfter      the class the merge gave it
     * @param vipSet          whether the merge made the survivor a VIP
     * @param vipReasonBefore the survivor's VIP reason before that (a manager's reason for revoking it, or none)
     */
    record UndoData(Map<String, String[]> fields, List<UUID> identifiers, List<UUID> vehicles,
                    List<Long> pointsMovements, Map<Long, String> pointsCauses, Long points, List<Long> consentEntries,
                    List<Long> activities, List<Long> referrals, List<Long> referralsOf, Classification.Target classBefore,
                    Classification.Target classAfter, boolean vipSet, String vipReasonBefore) {
        UndoData {
            activities = activities == null ? List.of() : activities;
            referrals = referrals == null ? List.of() : referrals;
            referralsOf = referralsOf == null ? List.of() : referralsOf;
            fields = fields == null ? Map.of() : fields;
            identifiers = identifiers == null ? List.of() : identifiers;
            vehicles = vehicles == null ? List.of() : vehicles;
            pointsMovements = pointsMovements == null ? List.of() : pointsMovements;
            pointsCauses = pointsCauses == null ? Map.of() : pointsCauses;
            points = points == null ? 0L : points;
            consentEntries = consentEntries == null ? List.of() : consentEntries;
        }

        Loyalty.Transfer pointsTransfer() {
            return new Loyalty.Transfer(pointsMovements, pointsCauses, points);
        }
    }

    /** A stored value as compared: personal ones opened (the plain text), the others as they are. */
    private String comparable(Field f, String stored) {
        return f.personal() && stored != null ? personal.open(unb64(stored), contextOf(f)) : stored;
    }

    /** A personal value saved at merge time, sealed again under the active key. */
    private String resealed(Field f, String stored) {
        return stored == null ? null : b64(personal.seal(personal.open(unb64(stored), contextOf(f)), contextOf(f)));
    }

    private static String contextOf(Field f) {
        return switch (f.name()) {
            case "name" -> PersonalData.NAME;
            case "street" -> PersonalData.STREET;
            default -> throw new IllegalArgumentException(f.name() + " is not sealed");
        };
    }

    private static final List<Field> FIELDS = List.of(
            new Field("name", true, c -> b64(c.nameEnc), (c, v) -> c.nameEnc = unb64(v)),
            new Field("gender", false, c -> str(c.gender), (c, v) -> c.gender = v == null ? null : Customer.Gender.valueOf(v)),
            new Field("birthDate", false, c -> str(c.birthDate), (c, v) -> c.birthDate = v == null ? null : LocalDate.parse(v)),
            new Field("ownerCategory", false, c -> str(c.ownerCategory),
                    (c, v) -> c.ownerCategory = v == null ? null : Customer.OwnerCategory.valueOf(v)),
            new Field("province", false, c -> c.province, (c, v) -> c.province = v),
            new Field("city", false, c -> c.city, (c, v) -> c.city = v),
            new Field("district", false, c -> c.district, (c, v) -> c.district = v),
            new Field("street", true, c -> b64(c.streetEnc), (c, v) -> c.streetEnc = unb64(v)),
            new Field("geo", false, c -> c.latitude == null ? null : c.latitude + "," + c.longitude, (c, v) -> {
                c.latitude = v == null ? null : new BigDecimal(v.split(",")[0]);
                c.longitude = v == null ? null : new BigDecimal(v.split(",")[1]);
            }),
            new Field("occupation", false, c -> c.occupation, (c, v) -> c.occupation = v),
            new Field("familySituation", false, c -> c.familySituation, (c, v) -> c.familySituation = v),
            new Field("preferredChannel", false, c -> c.preferredChannel, (c, v) -> c.preferredChannel = v),
            new Field("preferredContactTime", false, c -> c.preferredContactTime, (c, v) -> c.preferredContactTime = v),
            new Field("interests", false, c -> c.interests, (c, v) -> c.interests = v),
            new Field("sourceChannel", false, c -> c.sourceChannel, (c, v) -> c.sourceChannel = v));

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    @Inject
    CustomerRegistry registry;

    @Inject
    PersonalData personal;

    @Inject
    ChangeLog changeLog;

    @Inject
    ObjectMapper json;

    @Inject
    Loyalty loyalty;

    @Inject
    Consents consents;

    @Inject
    dev.forecourt.customer.config.CustomerSettings settings;

    @Inject
    Classification classification;

    @Transactional
    public Outcome merge(UUID a, UUID b, String reason) {
        if (a.equals(b)) {
            throw ProblemException.invalid("customerIds", "Distinct", "a customer cannot be merged with itself");
        }
        Map<UUID, Customer> locked = lockVisible(a, b);
        Customer ca = locked.get(a);
        Customer cb = locked.get(b);
        for (Customer c : List.of(ca, cb)) {
            if (c.mergedInto != null) {
                throw ProblemException.conflict("customer " + c.id + " was already merged into " + c.mergedInto);
            }
        }
        Survivorship.Decision decision = Survivorship.decide(candidate(ca), candidate(cb));
        Customer survivor = decision.survivor().equals(ca.id) ? ca : cb;
        Customer merged = survivor == ca ? cb : ca;

        Map<String, String[]> fieldUndo = new HashMap<>();
        List<ChangeLog.Change> changes = new ArrayList<>();
        List<Survivorship.FieldChoice> published = new ArrayList<>();
        for (Survivorship.FieldChoice choice : decision.choices()) {
            Field f = field(choice.field());
            String value = f.personal() ? mask(f, choice.value()) : choice.value();
            published.add(new Survivorship.FieldChoice(choice.field(), choice.winner(), value, choice.reason()));
            if (choice.winner().equals(merged.id)) {
                String before = f.stored().apply(survivor);
                String after = f.stored().apply(merged);
                if (!Objects.equals(before, after)) {
                    f.restore().accept(survivor, after);
                    fieldUndo.put(f.name(), new String[]{before, after});
                    changes.add(new ChangeLog.Change(f.name(), f.personal() ? "(sealed)" : before, value));
                }
            }
        }
        // Identifiers the survivor lacks move over; vehicles always do.
        Set<String> survivorHashes = new HashSet<>();
        registry.identifiers(survivor.id).forEach(i -> survivorHashes.add(Base64.getEncoder().encodeToString(i.valueHash)));
        List<UUID> movedIdentifiers = new ArrayList<>();
        for (CustomerIdentifier i : registry.identifiers(merged.id)) {
            if (survivorHashes.add(Base64.getEncoder().encodeToString(i.valueHash))) {
                movedIdentifiers.add(i.id);
            }
        }
        moveIdentifiers(movedIdentifiers, merged.id, survivor.id);
        List<UUID> movedVehicles = new ArrayList<>();
        for (Vehicle v : Vehicle.<Vehicle>list("ownerId", merged.id)) {
            v.ownerId = survivor.id;
            movedVehicles.add(v.id);
        }
        UUID mergeId = UUID.randomUUID();
        // Points: the merged ledger and balance join the survivor's; the merged record keeps none.
        Loyalty.Transfer points = loyalty.transferAll(merged, survivor, mergeId);
        // Consents: both histories become one, so the latest decision of either is the answer.
        Map<Consents.Pair, Consents.Entry> consentsBefore = consents.snapshot(survivor.id);
        List<Long> movedConsents = consents.moveAll(merged.id, survivor.id);
        // Spend, visits and referrals made are the person's: they join the survivor's, and its value tier
        // follows (VIP by referrals counts the joined ones at the next referral).
        List<Long> movedActivities = moveRows("customer_activity", "customer_id", null, merged.id, survivor.id);
        // (but for the merged record's referral of the survivor, which would become the survivor referring
        // itself and count towards its VIP)
        @SuppressWarnings("unchecked")
        List<Long> movedReferrals = ((List<Number>) em.createNativeQuery("UPDATE customer_referral SET referrer_id = :to"
                        + " WHERE referrer_id = :from AND referred_id IS DISTINCT FROM :to RETURNING id")
                .setParameter("from", merged.id).setParameter("to", survivor.id).getResultList())
                .stream().map(Number::longValue).toList();
        // Referrals of the merged record now name the survivor, but for the survivor's own referral of it:
        // that one would become the survivor referring itself, so it keeps naming the merged record.
        @SuppressWarnings("unchecked")
        List<Long> referralsOf = ((List<Number>) em.createNativeQuery("UPDATE customer_referral SET referred_id = :to"
                        + " WHERE referred_id = :from AND referrer_id <> :to RETURNING id")
                .setParameter("from", merged.id).setParameter("to", survivor.id).getResultList())
                .stream().map(Number::longValue).toList();
        loyalty.recomputeTier(survivor, today());
        // The class and VIP status: what either record knew (LifecycleClass.merged); an undo puts back the survivor's.
        Classification.Target classBefore = Classification.current(survivor);
        Classification.Target classAfter = null;
        if (LifecycleClass.merged(survivor.lifecycleClass, merged.lifecycleClass) != survivor.lifecycleClass
                && classification.setForMerge(survivor, Classification.current(merged), reasonFor(mergeId), "merge", user.id())) {
            classAfter = Classification.current(survivor);
            published.add(new Survivorship.FieldChoice("lifecycleClass", merged.id, merged.lifecycleClass.name(),
                    merged.lifecycleClass.isOwner() ? "an owner's record: the person bought from us" : "more known than a contact"));
        }
        boolean vipSet = merged.vip && !survivor.vip;
        String vipReasonBefore = survivor.vipReason;
        if (vipSet) {
            classification.markVip(survivor, true, vipFromMerge(merged), reasonFor(mergeId), "MANAGER", user.id());
            published.add(new Survivorship.FieldChoice("vip", merged.id, "true", "either record a VIP"));
        }
        merged.mergedInto = survivor.id;
        merged.updatedAt = Instant.now();
        survivor.updatedAt = Instant.now();

        em.createNativeQuery("INSERT INTO customer_merge (id, store_id, survivor_id, merged_id, decisions, undo_data,"
                        + " merged_by) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), CAST(?6 AS jsonb), ?7)")
                .setParameter(1, mergeId).setParameter(2, survivor.storeId).setParameter(3, survivor.id)
                .setParameter(4, merged.id).setParameter(5, write(published))
                .setParameter(6, write(new UndoData(fieldUndo, movedIdentifiers, movedVehicles, points.movements(),
                        points.taggedCauses(), points.points(), movedConsents, movedActivities, movedReferrals, referralsOf,
                        classAfter == null ? null : classBefore, classAfter, vipSet, vipSet ? vipReasonBefore : null)))
                .setParameter(7, user.id()).executeUpdate();
        changes.add(new ChangeLog.Change("mergedFrom", null, merged.id.toString()));
        changeLog.record(survivor.id, user.id(), changes, reason);
        changeLog.record(merged.id, user.id(), List.of(new ChangeLog.Change("mergedInto", null, survivor.id.toString())),
                reason);
        outbox.publish(new DomainEvent(CustomerEvents.MERGED, CustomerEvents.AGGREGATE, survivor.id.toString(),
                survivor.storeId, new CustomerEvents.Merged(mergeId, survivor.id, merged.id, survivor.storeId)));
        consents.publishChanges(survivor, consentsBefore, "merge " + mergeId);
        return get(mergeId);
    }

    /**
     * Undoes a merge: the merged record comes back, and what the merge moved or overwrote returns
     * to it — except what was changed again since (that later change is kept). Its points come
     * back too; when the survivor has since spent so many that it could not give them back without
     * a negative balance, the undo is refused (409) and nothing changes.
     */
    @Transactional
    public Outcome undo(UUID mergeId, String reason) {
        Outcome merge = get(mergeId);
        // Claimed first, in the database: of two undos racing, exactly one goes on (the other waits on
        // this row, then finds it undone). A refusal below rolls the claim back with everything else.
        int claimed = em.createNativeQuery("UPDATE customer_merge SET undone_at = now(), undone_by = ?2, undo_reason = ?3"
                        + " WHERE id = ?1 AND undone_at IS NULL")
                .setParameter(1, mergeId).setParameter(2, user.id()).setParameter(3, reason).executeUpdate();
        if (merge.undoneAt() != null || claimed == 0) {
            throw ProblemException.conflict("merge " + mergeId + " was already undone");
        }
        Map<UUID, Customer> locked = lockVisible(merge.survivorId(), merge.mergedId());
        Customer survivor = locked.get(merge.survivorId());
        Customer merged = locked.get(merge.mergedId());
        UndoData undo = read((String) em.createNativeQuery("SELECT CAST(undo_data AS text) FROM customer_merge WHERE id = ?1")
                .setParameter(1, mergeId).getSingleResult(), new TypeReference<>() { });
        // First, as it may refuse: the points the merge brought go back only if the survivor still has them.
        loyalty.transferBack(survivor, merged, mergeId, undo.pointsTransfer());
        Map<Consents.Pair, Consents.Entry> survivorConsents = consents.snapshot(survivor.id);
        Map<Consents.Pair, Consents.Entry> mergedConsents = consents.snapshot(merged.id);
        consents.moveBack(undo.consentEntries(), survivor.id, merged.id);
        List<ChangeLog.Change> changes = new ArrayList<>();
        undo.fields().forEach((name, beforeAfter) -> {
            Field f = field(name);
            // Personal values are compared as plain text and restored sealed under the active key:
            // a key rotation since the merge re-sealed them (new nonce, perhaps a new key).
            if (Objects.equals(comparable(f, f.stored().apply(survivor)), comparable(f, beforeAfter[1]))) {
                f.restore().accept(survivor, f.personal() ? resealed(f, beforeAfter[0]) : beforeAfter[0]);
                changes.add(new ChangeLog.Change(name, f.personal() ? "(sealed)" : beforeAfter[1],
                        f.personal() ? "(sealed)" : beforeAfter[0]));
            }
        });
        moveIdentifiers(undo.identifiers(), survivor.id, merged.id); // those the survivor still has
        for (UUID id : undo.vehicles()) {
            Vehicle v = Vehicle.findById(id);
            if (v != null && v.ownerId.equals(survivor.id)) {
                v.ownerId = merged.id;
            }
        }
        moveRows("customer_activity", "customer_id", undo.activities(), survivor.id, merged.id);
        moveRows("customer_referral", "referrer_id", undo.referrals(), survivor.id, merged.id);
        moveRows("customer_referral", "referred_id", undo.referralsOf(), survivor.id, merged.id);
        loyalty.recomputeTier(survivor, today());
        loyalty.recomputeTier(merged, today());
        if (undo.classAfter() != null && undo.classAfter().equals(Classification.current(survivor))) { // not changed since
            // (the manager's reason for the undo is on the merge and in the mergedFrom history entry, not published)
            classification.setForMerge(survivor, undo.classBefore(), reasonFor(mergeId) + " undone", "merge-undone", user.id());
        }
        if (undo.vipSet() && survivor.vip && vipFromMerge(merged).equals(survivor.vipReason)) {
            classification.markVip(survivor, false, undo.vipReasonBefore(), reasonFor(mergeId) + " undone: " + reason,
                    "MANAGER", user.id());
        }
        merged.mergedInto = null;
        merged.updatedAt = Instant.now();
        survivor.updatedAt = Instant.now();
        changes.add(new ChangeLog.Change("mergedFrom", merged.id.toString(), null));
        changeLog.record(survivor.id, user.id(), changes, "merge undone: " + reason);
        changeLog.record(merged.id, user.id(), List.of(new ChangeLog.Change("mergedInto", survivor.id.toString(), null)),
                "merge undone: " + reason);
        outbox.publish(new DomainEvent(CustomerEvents.MERGE_UNDONE, CustomerEvents.AGGREGATE, survivor.id.toString(),
                survivor.storeId, new CustomerEvents.MergeUndone(mergeId, survivor.id, merged.id, survivor.storeId)));
        consents.publishChanges(survivor, survivorConsents, "merge " + mergeId + " undone");
        consents.publishChanges(merged, mergedConsents, "merge " + mergeId + " undone");
        return get(mergeId);
    }

    @Transactional
    public Outcome get(UUID mergeId) {
        Object[] r;
        try {
            r = (Object[]) em.createNativeQuery("SELECT survivor_id, merged_id, CAST(decisions AS text), merged_at,"
                    + " merged_by, undone_at, undone_by, store_id FROM customer_merge WHERE id = ?1")
                    .setParameter(1, mergeId).getSingleResult();
        } catch (jakarta.persistence.NoResultException e) {
            throw ProblemException.notFound("merge", mergeId);
        }
        if (!user.stores().allows((String) r[7])) {
            throw ProblemException.notFound("merge", mergeId);
        }
        List<Survivorship.FieldChoice> choices = read((String) r[2], new TypeReference<>() { });
        return new Outcome(mergeId, (UUID) r[0], (UUID) r[1], choices, ChangeLog.instant(r[3]), (String) r[4],
                r[5] == null ? null : ChangeLog.instant(r[5]), (String) r[6]);
    }

    /**
     * Locks both customers, always in id order: two merges or undos of the same pair sent the other
     * way round would otherwise each hold one row and wait for the other (a deadlock). Each is read
     * again once locked: an event may have changed it (class, points) while the merge waited.
     */
    private Map<UUID, Customer> lockVisible(UUID a, UUID b) {
        Map<UUID, Customer> locked = new HashMap<>();
        for (UUID id : a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a)) {
            Customer c = registry.get(id);
            em.refresh(c, LockModeType.PESSIMISTIC_WRITE);
            locked.put(id, c);
        }
        return locked;
    }

    /**
     * Moves a customer's rows of {@code table} (by their {@code column}) to another customer: all of
     * them ({@code ids} null), or those of {@code ids} that {@code from} still holds. Returns the ids moved.
     */
    @SuppressWarnings("unchecked")
    private List<Long> moveRows(String table, String column, List<Long> ids, UUID from, UUID to) {
        if (ids != null && ids.isEmpty()) {
            return List.of();
        }
        var query = em.createNativeQuery("UPDATE " + table + " SET " + column + " = :to WHERE " + column + " = :from"
                + (ids == null ? "" : " AND id IN (:ids)") + " RETURNING id").setParameter("to", to).setParameter("from", from);
        if (ids != null) {
            query.setParameter("ids", ids);
        }
        return ((List<Number>) query.getResultList()).stream().map(Number::longValue).toList();
    }

    private static String vipFromMerge(Customer merged) {
        return "merged from " + merged.id;
    }

    /**
     * The reason a merge or its undo writes on the survivor's class and VIP changes. Measures leaves
     * changes with this prefix out of the lost count: the merged record was counted when it became lost.
     * (The history has no cause column; a manager's reason that happened to start so would be left out too.)
     */
    public static final String REASON_PREFIX = "merge ";

    static String reasonFor(UUID mergeId) {
        return REASON_PREFIX + mergeId;
    }

    private LocalDate today() {
        return LocalDate.now(java.time.ZoneId.of(settings.care().zone()));
    }

    /**
     * Moves identifiers to another customer, those of them {@code from} still holds. The customer is part
     * of an identifier's key, so this is a bulk update rather than a change to loaded entities.
     */
    private static void moveIdentifiers(List<UUID> ids, UUID from, UUID to) {
        if (!ids.isEmpty()) {
            CustomerIdentifier.update("customerId = ?1 where customerId = ?2 and id in ?3", to, from, ids);
        }
    }

    /** A customer as survivorship sees it: each field's plaintext and when it last changed. */
    @SuppressWarnings("unchecked")
    private Survivorship.Candidate candidate(Customer c) {
        Map<String, Instant> changedAt = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("SELECT field, max(changed_at) FROM customer_change"
                + " WHERE customer_id = ?1 GROUP BY field").setParameter(1, c.id).getResultList();
        rows.forEach(r -> changedAt.put((String) r[0], ChangeLog.instant(r[1])));
        Map<String, Survivorship.FieldValue> fields = new HashMap<>();
        for (Field f : FIELDS) {
            String plain = switch (f.name()) {
                case "name" -> c.nameEnc == null ? null : personal.open(c.nameEnc, PersonalData.NAME);
                case "street" -> c.streetEnc == null ? null : personal.open(c.streetEnc, PersonalData.STREET);
                default -> f.stored().apply(c);
            };
            fields.put(f.name(), new Survivorship.FieldValue(plain, changedAt.getOrDefault(f.name(), c.createdAt)));
        }
        return new Survivorship.Candidate(c.id, c.createdAt, fields);
    }

    private static Field field(String name) {
        return FIELDS.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown merge field " + name));
    }

    private static String mask(Field f, String plaintext) {
        return plaintext == null ? null : "name".equals(f.name()) ? Masking.name(plaintext) : "***";
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable merge record", e);
        }
    }

    private static String b64(byte[] b) {
        return b == null ? null : Base64.getEncoder().encodeToString(b);
    }

    private static byte[] unb64(String s) {
        return s == null ? null : Base64.getDecoder().decode(s);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
