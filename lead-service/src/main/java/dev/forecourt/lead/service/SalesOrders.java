package dev.forecourt.lead.service;

import dev.forecourt.lead.domain.IllegalOrderTransitionException;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadGrade;
import dev.forecourt.lead.domain.LeadStage;
import dev.forecourt.lead.domain.OrderStatus;
import dev.forecourt.lead.domain.SalesOrder;
import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The sales order of a won lead (DOMAIN.md §2): ordered with its terms, a car allocated by VIN,
 * pre-delivery inspection, delivery, or cancellation with a reason. Moves follow
 * {@link OrderStatus}; a refused move is a 409 naming the allowed ones. A deposit of 5,000 CNY
 * or more makes the lead grade O; delivery closes the lead and publishes vehicle delivered.
 */
@ApplicationScoped
public class SalesOrders {

    @Inject
    LeadDesk desk;

    @Inject
    Grading grading;

    @Inject
    CurrentUser user;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    public record Terms(String brand, String series, String model, BigDecimal price, BigDecimal deposit, boolean finance,
                       boolean insurance, String tradeInVin) {
    }

    @Transactional
    public SalesOrder open(UUID leadId, Terms terms) {
        Lead lead = desk.get(leadId);
        desk.requireWorkable(lead, "an order");
        if (lead.customerId == null) {
            throw ProblemException.conflict("the lead is not linked to a customer yet (customer-service was unreachable"
                    + " when it was captured); it is linked automatically, try again shortly");
        }
        if (SalesOrder.count("leadId = ?1 and status not in ('CANCELLED', 'DELIVERED')", lead.id) > 0) {
            throw ProblemException.conflict("the lead already has a live order");
        }
        Instant now = clock.instant();
        SalesOrder o = new SalesOrder();
        o.id = UUID.randomUUID();
        o.storeId = lead.storeId;
        o.leadId = lead.id;
        o.customerId = lead.customerId;
        o.consultantId = lead.consultantId;
        o.brand = terms.brand();
        o.series = terms.series();
        o.model = terms.model();
        o.price = terms.price();
        o.deposit = terms.deposit() == null ? BigDecimal.ZERO : terms.deposit();
        o.finance = terms.finance();
        o.insurance = terms.insurance();
        o.tradeInVin = Vins.checked("tradeInVin", terms.tradeInVin());
        o.persist();
        lead.stage = lead.stageValue().advanceTo(LeadStage.ORDERED).name();
        LeadGrade grade = LeadGrade.forDeposit(o.deposit, lead.gradeValue());
        grading.change(lead, grade, "deposit of " + o.deposit.toPlainString() + " CNY received", user.id(), now);
        published(o, null, "ordered");
        return o;
    }

    @Transactional
    public SalesOrder allocate(UUID orderId, String rawVin) {
        String vin = Vins.checked("vin", rawVin);
        SalesOrder o = get(orderId);
        SalesOrder.<SalesOrder>find("vin = ?1 and status <> 'CANCELLED' and id <> ?2", vin, o.id).firstResultOptional()
                .ifPresent(other -> {
                    throw ProblemException.conflict("VIN " + vin + " is already allocated to order " + other.id);
                });
        move(o, OrderStatus.ALLOCATED, "VIN " + vin + " allocated");
        o.vin = vin;
        return o;
    }

    @Transactional
    public SalesOrder inspect(UUID orderId) {
        SalesOrder o = get(orderId);
        move(o, OrderStatus.INSPECTED, "pre-delivery inspection passed");
        o.inspectedAt = clock.instant();
        return o;
    }

    /** Hands the car over: closes the lead and publishes vehicle delivered (customer-service makes the customer an owner). */
    @Transactional
    public SalesOrder deliver(UUID orderId, LocalDate on) {
        SalesOrder o = get(orderId);
        move(o, OrderStatus.DELIVERED, "delivered");
        o.deliveredOn = on;
        Lead lead = Lead.findById(o.leadId);
        lead.stage = lead.stageValue().advanceTo(LeadStage.DELIVERED).name();
        lead.nextDueAt = null;
        lead.updatedAt = clock.instant();
        outbox.publish(new DomainEvent(LeadEvents.VEHICLE_DELIVERED, LeadEvents.ORDER_AGGREGATE, o.id.toString(), o.storeId,
                new LeadEvents.VehicleDelivered(o.id, o.leadId, o.customerId, o.storeId, o.consultantId, o.vin,
                        new LeadEvents.Money(o.price.toPlainString(), o.currency), on, o.brand, o.series, o.model, null)));
        return o;
    }

    @Transactional
    public SalesOrder cancel(UUID orderId, String reason) {
        SalesOrder o = get(orderId);
        move(o, OrderStatus.CANCELLED, reason);
        o.cancelReason = reason;
        // The lead stays open and goes back to the quote: the customer may still buy.
        Lead lead = Lead.findById(o.leadId);
        if (lead.stageValue() == LeadStage.ORDERED) {
            lead.stage = LeadStage.QUOTED.name();
        }
        return o;
    }

    /** An order the caller may see: their stores', and for a consultant only their own leads' orders. */
    @Transactional
    public SalesOrder get(UUID orderId) {
        return desk.visible(SalesOrder.<SalesOrder>findById(orderId), o -> o.storeId, o -> o.consultantId, "sales order",
                orderId);
    }

    private void move(SalesOrder o, OrderStatus to, String reason) {
        OrderStatus from = o.statusValue();
        try {
            o.status = from.moveTo(to).name();
        } catch (IllegalOrderTransitionException e) {
            throw ProblemException.conflict(e.getMessage());
        }
        published(o, from, reason);
    }

    private void published(SalesOrder o, OrderStatus from, String reason) {
        outbox.publish(new DomainEvent(LeadEvents.ORDER_CHANGED, LeadEvents.ORDER_AGGREGATE, o.id.toString(), o.storeId,
                new LeadEvents.OrderChanged(o.id, o.leadId, o.storeId, from == null ? null : from.name(), o.status, reason)));
    }
}
