package dev.forecourt.lead.api;

import dev.forecourt.lead.domain.SalesOrder;
import dev.forecourt.lead.service.LeadDesk;
import dev.forecourt.lead.service.SalesOrders;
import dev.forecourt.platform.api.Page;
import dev.forecourt.platform.api.PageRequest;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Sales orders: allocation of a car by VIN, pre-delivery inspection, delivery (publishes vehicle
 * delivered) and cancellation. A move the order's state machine forbids is a 409 naming the
 * allowed moves. Orders are opened on their lead: {@code POST /api/leads/{id}/orders}.
 */
@Path("/api/sales-orders")
public class SalesOrderResource {

    public record OrderView(UUID id, String storeId, UUID leadId, UUID customerId, String consultantId, String status,
                            String brand, String series, String model, BigDecimal price, String currency,
                            BigDecimal deposit, boolean finance, boolean insurance, String tradeInVin, String vin,
                            Instant inspectedAt, LocalDate deliveredOn, String cancelReason, long version) {
        static OrderView of(SalesOrder o) {
            return new OrderView(o.id, o.storeId, o.leadId, o.customerId, o.consultantId, o.status, o.brand, o.series,
                    o.model, o.price, o.currency, o.deposit, o.finance, o.insurance, o.tradeInVin, o.vin, o.inspectedAt,
                    o.deliveredOn, o.cancelReason, o.version);
        }
    }

    public record Allocate(@NotNull @Pattern(regexp = LeadResource.VIN, message = "must be a 17-character VIN (no I, O or Q)")
                           String vin) {
    }

    public record Deliver(@NotNull LocalDate deliveredOn) {
    }

    public record Cancel(@NotBlank @Size(max = 1000) String reason) {
    }

    @Inject
    LeadDesk desk;

    @Inject
    SalesOrders orders;

    @GET
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<OrderView> list(@Valid @BeanParam PageRequest page) {
        return desk.visibleRecords(page).page((where, params) -> SalesOrder.find(where, params), page.limit(), OrderView::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public OrderView get(@PathParam("id") UUID id) {
        return OrderView.of(orders.get(id));
    }

    @POST
    @Path("{id}/allocation")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public OrderView allocate(@PathParam("id") UUID id, @NotNull @Valid Allocate request) {
        return OrderView.of(orders.allocate(id, request.vin()));
    }

    @POST
    @Path("{id}/inspection")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public OrderView inspect(@PathParam("id") UUID id) {
        return OrderView.of(orders.inspect(id));
    }

    @POST
    @Path("{id}/delivery")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public OrderView deliver(@PathParam("id") UUID id, @NotNull @Valid Deliver request) {
        return OrderView.of(orders.deliver(id, request.deliveredOn()));
    }

    @POST
    @Path("{id}/cancellation")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public OrderView cancel(@PathParam("id") UUID id, @NotNull @Valid Cancel request) {
        return OrderView.of(orders.cancel(id, request.reason()));
    }
}
