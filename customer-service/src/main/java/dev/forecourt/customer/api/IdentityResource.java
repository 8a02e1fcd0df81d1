package dev.forecourt.customer.api;

import dev.forecourt.customer.api.validation.MainlandMobile;
import dev.forecourt.customer.api.validation.ValidIdCardNumber;
import dev.forecourt.customer.api.validation.ValidVin;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.service.IdentityResolution;
import dev.forecourt.customer.service.Merges;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.List;
import java.util.UUID;

/**
 * Identity resolution for other services and channels (find-or-create), duplicate candidates,
 * and merges with their undo.
 */
@Path("/api/customer-merges")
public class IdentityResource {

    public record ResolveInput(@NotBlank @Size(max = 64) String storeId, @MainlandMobile String phone,
                               @ValidIdCardNumber String idNumber, @ValidVin String vin, Customer.Kind kind,
                               @Size(max = 128) String name,
                               @Size(max = 32) @Pattern(regexp = "[A-Z_]+", message = "must be an upper-case code such as SHOWROOM") String sourceChannel) {
    }

    /** {@code matchedOn}: ID_NUMBER, PHONE or VIN when found; null when created. */
    public record Resolved(UUID customerId, String storeId, boolean created, String matchedOn) {
    }

    public record MergeInput(@NotNull @Size(min = 2, max = 2) List<@NotNull UUID> customerIds,
                             @NotBlank @Size(max = 512) String reason) {
    }

    public record UndoInput(@NotBlank @Size(max = 512) String reason) {
    }

    @Inject
    Merges merges;

    /** Merges two records of one person; the answer says which survived and which value won each field, and why. */
    @POST
    @RolesAllowed({Roles.SALES_MANAGER, Roles.CUSTOMER_CARE_AGENT, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response merge(@NotNull @Valid MergeInput in) {
        Merges.Outcome o = merges.merge(in.customerIds().get(0), in.customerIds().get(1), in.reason());
        return Response.created(UriBuilder.fromPath("/api/customer-merges/{id}").build(o.mergeId())).entity(o).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SALES_MANAGER, Roles.CUSTOMER_CARE_AGENT, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Merges.Outcome merge(@PathParam("id") UUID id) {
        return merges.get(id);
    }

    /** A manager undoes a merge. */
    @POST
    @Path("{id}/undo")
    @RolesAllowed({Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Merges.Outcome undo(@PathParam("id") UUID id, @NotNull @Valid UndoInput in) {
        return merges.undo(id, in.reason());
    }
}
