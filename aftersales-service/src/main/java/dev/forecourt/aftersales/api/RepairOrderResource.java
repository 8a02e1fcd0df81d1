package dev.forecourt.aftersales.api;

import dev.forecourt.aftersales.domain.RepairOrder;
import dev.forecourt.aftersales.domain.RepairOrderType;
import dev.forecourt.aftersales.service.Workshop;
import dev.forecourt.platform.api.ETags;
import dev.forecourt.platform.api.Page;
import dev.forecourt.platform.api.PageRequest;
import dev.forecourt.platform.persistence.StoreScopedQuery;
import dev.forecourt.platform.security.CurrentUser;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.UUID;

@Path("/api/repair-orders")
public class RepairOrderResource {

    public record OpenRepairOrder(
            @NotBlank @Size(max = 64) String storeId,
            @NotNull @Pattern(regexp = "[A-HJ-NPR-Z0-9]{17}", message = "must be 17 characters, digits and capitals except I, O and Q") String vin,
            @NotNull RepairOrderType orderType,
            UUID customerId) {
    }

    public record RepairOrderView(UUID id, String storeId, String vin, String orderType, String status, UUID customerId,
                                  Instant createdAt, long version) {
        static RepairOrderView of(RepairOrder r) {
            return new RepairOrderView(r.id, r.storeId, r.vin, r.orderType, r.status, r.customerId, r.createdAt, r.version);
        }
    }

    @Inject
    Workshop workshop;

    @Inject
    CurrentUser user;

    /** Repair orders of the caller's stores. */
    @GET
    @RolesAllowed({Roles.SERVICE_ADVISOR, Roles.TECHNICIAN, Roles.FOREMAN, Roles.QC_INSPECTOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<RepairOrderView> list(@Valid @BeanParam PageRequest page) {
        var query = StoreScopedQuery.of(user.stores()).after(page.cursor());
        return query.page((where, params) -> RepairOrder.find(where, params), page.limit(), RepairOrderView::of);
    }

    /** Opens a repair order for a vehicle; publishes forecourt.aftersales.repair-order-opened.v1. */
    @POST
    @RolesAllowed({Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response open(@NotNull @Valid OpenRepairOrder request, UriInfo uri) {
        RepairOrder order = workshop.open(request.storeId(), request.vin(), request.orderType(), request.customerId());
        return Response.created(uri.getAbsolutePathBuilder().path(order.id.toString()).build())
                .tag(ETags.entityTag(order.version)).entity(RepairOrderView.of(order)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SERVICE_ADVISOR, Roles.TECHNICIAN, Roles.FOREMAN, Roles.QC_INSPECTOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response get(@PathParam("id") UUID id) {
        RepairOrder order = workshop.get(id);
        return Response.ok(RepairOrderView.of(order)).tag(ETags.entityTag(order.version)).build();
    }
}
