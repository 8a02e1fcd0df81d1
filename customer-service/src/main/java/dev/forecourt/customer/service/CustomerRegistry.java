package dev.forecourt.customer.service;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.platform.api.ETags;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Registering and changing customers; every change commits with its event. */
@ApplicationScoped
public class CustomerRegistry {

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    @Transactional
    public Customer register(String storeId, Customer.Kind kind, String sourceChannel) {
        user.requireStore(storeId);
        Customer c = new Customer();
        c.id = UUID.randomUUID();
        c.storeId = storeId;
        c.kind = kind;
        c.sourceChannel = sourceChannel;
        c.persist();
        outbox.publish(new DomainEvent(CustomerEvents.REGISTERED, CustomerEvents.AGGREGATE, c.id.toString(), storeId,
                new CustomerEvents.Registered(c.id, storeId, kind.name(), c.lifecycleClass, sourceChannel)));
        return c;
    }

    @Transactional
    public Customer get(UUID id) {
        return user.visible(Customer.<Customer>findById(id), c -> c.storeId, "customer", id);
    }

    /** Applies the given (non-null) changes if {@code ifMatch} is the current version. */
    @Transactional
    public Customer update(UUID id, String ifMatch, Customer.Kind kind, String sourceChannel) {
        Customer c = get(id);
        ETags.requireMatch(ifMatch, c.version);
        List<String> changed = new ArrayList<>();
        if (kind != null && kind != c.kind) {
            c.kind = kind;
            changed.add("kind");
        }
        if (sourceChannel != null && !Objects.equals(sourceChannel, c.sourceChannel)) {
            c.sourceChannel = sourceChannel;
            changed.add("sourceChannel");
        }
        if (!changed.isEmpty()) {
            c.persistAndFlush(); // increments the version, which the event carries
            outbox.publish(new DomainEvent(CustomerEvents.UPDATED, CustomerEvents.AGGREGATE, c.id.toString(), c.storeId,
                    new CustomerEvents.Updated(c.id, c.storeId, changed, c.version)));
        }
        return c;
    }
}
