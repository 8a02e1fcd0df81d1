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
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        Customer c = customers.get(customerId);
        em.lock(c, LockModeType.PESSIMISTIC_WRITE); // one writer per customer: "latest" is well defined
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
