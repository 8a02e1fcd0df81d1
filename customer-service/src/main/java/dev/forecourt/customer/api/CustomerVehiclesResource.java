package dev.forecourt.customer.api;

import dev.forecourt.customer.api.validation.ValidVin;
import dev.forecourt.customer.domain.Vehicle;
import dev.forecourt.platform.vehicle.Vin;
import dev.forecourt.customer.service.VehicleRegistry;
import dev.forecourt.platform.api.ETags;
import dev.forecourt.platform.api.Page;
import dev.forecourt.platform.api.PageRequest;
import dev.forecourt.platform.persistence.StoreScopedQuery;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A customer's vehicles: register one to them, list them. */
@Path("/api/customers/{id}/vehicles")
public class CustomerVehiclesResource {

    @Inject
    VehicleRegistry vehicles;

    @POST
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response register(@PathParam("id") UUID customerId, @NotNull @Valid VehicleResource.VehicleInput input) {
        Vehicle v = vehicles.register(customerId, input.details());
        return Response.created(UriBuilder.fromPath("/api/vehicles/{id}").build(v.id))
                .tag(ETags.entityTag(v.version)).entity(VehicleResource.VehicleView.of(v)).build();
    }

    @GET
    @Transactional
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public List<VehicleResource.VehicleView> ofCustomer(@PathParam("id") UUID customerId) {
        return vehicles.ofCustomer(customerId).stream().map(v -> VehicleResource.VehicleView.of(v)).toList();
    }

}
