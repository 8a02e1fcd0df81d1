package dev.forecourt.customer.service;

import dev.forecourt.customer.domain.Consent;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The consent ledger: grants and withdrawals are appended, never updated; the answer to "may we
 * contact X by this channel for this purpose now?" is the latest entry for the pair, and no
 * entry means no. A withdrawal is effective at commit and published.
 */
@ApplicationScoped
public class Consents {

    public record Entry(Consent.Channel channel, Consent.Purpose purpose, boolean granted, String source,
                        Instant occurredAt, Instant recordedAt, String recordedBy) {
    }

    public record Answer(UUID customerId, Consent.Channel channel, Consent.Purpose purpose, boolean allowed,
                         Entry basis) {
    }

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    @Inject
    CustomerRegistry customers;

    @Transactional
    public Entry record(UUID customerId, Consent.Channel channel, Consent.Purpose purpose, boolean granted,
                        String source, Instant occurredAt) {
        // One writer per customer, so "latest" is well defined; a decision about a merged record
        // belongs to its survivor (recorded here it would be lost).
        Customer c = customers.lockLive(customerId, "the consent");
        Instant at = occurredAt == null ? Instant.now() : occurredAt;
        em.createNativeQuery("INSERT INTO consent_entry (customer_id, channel, purpose, granted, source, occurred_at,"
                        + " recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, c.id).setParameter(2, channel.name()).setParameter(3, purpose.name())
                .setParameter(4, granted).setParameter(5, source).setParameter(6, at).setParameter(7, user.id())
                .executeUpdate();
        outbox.publish(new DomainEvent(CustomerEvents.CONSENT_CHANGED, CustomerEvents.AGGREGATE, c.id.toString(),
                c.storeId, new CustomerEvents.ConsentChanged(c.id, c.storeId, channel.name(), purpose.name(), granted,
                source, at)));
        return new Entry(channel, purpose, granted, source, at, Instant.now(), user.id());
    }

    /** May we contact the customer by {@code channel} for {@code purpose} now? */
    public Answer check(UUID customerId, Consent.Channel channel, Consent.Purpose purpose) {
        List<Entry> latest = entries(customerId, "AND channel = ?2 AND purpose = ?3 ORDER BY id DESC LIMIT 1",
                channel.name(), purpose.name());
        Entry basis = latest.isEmpty() ? null : latest.get(0);
        return new Answer(customerId, channel, purpose, basis != null && basis.granted(), basis);
    }

    /** The current state per channel and purpose (latest entry of each pair). */
    public List<Entry> current(UUID customerId) {
        return entries(customerId, "AND id IN (SELECT max(id) FROM consent_entry WHERE customer_id = ?1"
                + " GROUP BY channel, purpose) ORDER BY channel, purpose");
    }

    public List<Entry> history(UUID customerId) {
        return entries(customerId, "ORDER BY id");
    }

    /** The channels the customer currently allows for a purpose. */
    public List<String> allowedChannels(UUID customerId, Consent.Purpose purpose) {
        List<String> channels = new ArrayList<>();
        for (Entry e : current(customerId)) {
            if (e.purpose() == purpose && e.granted()) {
                channels.add(e.channel().name());
            }
        }
        return channels;
    }

    /** A channel and purpose: what one consent answer is about. */
    public record Pair(Consent.Channel channel, Consent.Purpose purpose) {
    }

    /**
     * A merge: all of {@code from}'s entries move to {@code into} unchanged. The ledger's order
     * (entry id: the order decisions were recorded in) is global, so {@code into}'s answer per
     * pair becomes the latest decision of either history; a later withdrawal on either record wins
     * over an earlier grant. Returns the ids moved. The caller holds both customers' locks.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Long> moveAll(UUID from, UUID into) {
        return ((List<Number>) em.createNativeQuery("UPDATE consent_entry SET customer_id = ?2 WHERE customer_id = ?1"
                        + " RETURNING id")
                .setParameter(1, from).setParameter(2, into).getResultList())
                .stream().map(Number::longValue).sorted().toList();
    }

    /** Undoes {@link #moveAll}: the entries still on {@code from} go back to {@code into}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveBack(List<Long> ids, UUID from, UUID into) {
        if (!ids.isEmpty()) {
            em.createNativeQuery("UPDATE consent_entry SET customer_id = :into WHERE customer_id = :from AND id IN (:ids)")
                    .setParameter("into", into).setParameter("from", from).setParameter("ids", ids).executeUpdate();
        }
    }

    /** The current entry per pair (pairs without one are absent: no). */
    public Map<Pair, Entry> snapshot(UUID customerId) {
        Map<Pair, Entry> state = new HashMap<>();
        current(customerId).forEach(e -> state.put(new Pair(e.channel(), e.purpose()), e));
        return state;
    }

    /**
     * Publishes a consent change for each pair whose answer (allowed or not) for {@code c} differs
     * from {@code before} (entries moved by a merge or its undo): the new basis, or, where no entry
     * is left, a "no" from {@code source} now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishChanges(Customer c, Map<Pair, Entry> before, String source) {
        Map<Pair, Entry> after = snapshot(c.id);
        Set<Pair> pairs = new TreeSet<>(Comparator.comparing(Pair::channel)
                .thenComparing(Pair::purpose));
        pairs.addAll(before.keySet());
        pairs.addAll(after.keySet());
        for (Pair p : pairs) {
            Entry was = before.get(p);
            Entry now = after.get(p);
            boolean allowedBefore = was != null && was.granted();
            boolean allowedNow = now != null && now.granted();
            if (allowedBefore == allowedNow) {
                continue;
            }
            outbox.publish(new DomainEvent(CustomerEvents.CONSENT_CHANGED, CustomerEvents.AGGREGATE, c.id.toString(),
                    c.storeId, new CustomerEvents.ConsentChanged(c.id, c.storeId, p.channel().name(), p.purpose().name(),
                    allowedNow, now == null ? source : now.source(), now == null ? Instant.now() : now.occurredAt())));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Entry> entries(UUID customerId, String tail, Object... more) {
        var query = em.createNativeQuery("SELECT channel, purpose, granted, source, occurred_at, recorded_at, recorded_by"
                + " FROM consent_entry WHERE customer_id = ?1 " + tail).setParameter(1, customerId);
        for (int i = 0; i < more.length; i++) {
            query.setParameter(i + 2, more[i]);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Entry(Consent.Channel.valueOf((String) r[0]),
                Consent.Purpose.valueOf((String) r[1]), (Boolean) r[2], (String) r[3], ChangeLog.instant(r[4]),
                ChangeLog.instant(r[5]), (String) r[6])).toList();
    }
}
