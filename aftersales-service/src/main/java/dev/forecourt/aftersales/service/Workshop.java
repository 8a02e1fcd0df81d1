package dev.forecourt.aftersales.service;

import dev.forecourt.aftersales.domain.RepairOrder;
import dev.forecourt.aftersales.domain.RepairOrderType;
import dev.forecourt.aftersales.events.AftersalesEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Opening and reading repair orders; an opening commits with its event. */
@ApplicationScoped
public class Workshop {

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    @Transactional
    public RepairOrder open(String storeId, String vin, RepairOrderType type, UUID customerId) {
        user.requireStore(storeId);
        RepairOrder order = new RepairOrder();
        order.id = UUID.randomUUID();
        order.storeId = storeId;
        order.vin = vin;
        order.orderType = type.name();
        order.customerId = customerId;
        order.persist();
        outbox.publish(new DomainEvent(AftersalesEvents.REPAIR_ORDER_OPENED, AftersalesEvents.REPAIR_ORDER,
                order.id.toString(), storeId,
                new AftersalesEvents.RepairOrderOpened(order.id, storeId, vin, order.orderType, customerId)));
        return order;
    }

    @Transactional
    public RepairOrder get(UUID id) {
        return user.visible(RepairOrder.<RepairOrder>findById(id), o -> o.storeId, "repair order", id);
    }
}
