package dev.forecourt.parts.api;

import dev.forecourt.parts.domain.Part;
import dev.forecourt.parts.domain.PartCategory;
import dev.forecourt.parts.service.Stockroom;
import dev.forecourt.platform.api.ETags;
import dev.forecourt.platform.api.Page;
import dev.forecourt.platform.api.PageRequest;
import dev.forecourt.platform.persistence.StoreScopedQuery;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

@Path("/api/parts")
public class PartResource {

    public record AddPart(
            @NotBlank @Size(max = 64) String storeId,
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Z0-9][A-Z0-9 .-]*", message = "must be upper-case letters, digits, spaces, dots or dashes") String partNumber,
            @NotBlank @Size(max = 200) String name,
            @NotNull PartCategory category) {
    }

    public record ReceiveStock(@Min(1) @Max(100_000) int quantity, @Size(max = 64) String batch) {
    }

    public record PartView(UUID id, String storeId, String partNumber, String name, String category, int onHand,
                           Instant createdAt, long version) {
        static PartView of(Part p) {
            return new PartView(p.id, p.storeId, p.partNumber, p.name, p.category, p.onHand, p.createdAt, p.version);
        }
    }

    @Inject
    Stockroom stockroom;

    @Inject
    CurrentUser user;

    /** Parts stocked by the caller's stores. */
    @GET
    @RolesAllowed({Roles.PARTS_CLERK, Roles.PARTS_MANAGER, Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<PartView> list(@Valid @BeanParam PageRequest page) {
        var query = StoreScopedQuery.of(user.stores()).after(page.cursor());
        return query.page((where, params) -> Part.find(where, params), page.limit(), PartView::of);
    }

    /** Adds a part to a store's catalogue; publishes forecourt.parts.part-added.v1 (409 if the number exists). */
    @POST
    @RolesAllowed({Roles.PARTS_CLERK, Roles.PARTS_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response add(@NotNull @Valid AddPart request, UriInfo uri) {
        Part part = stockroom.add(request.storeId(), request.partNumber(), request.name(), request.category());
        return Response.created(uri.getAbsolutePathBuilder().path(part.id.toString()).build())
                .tag(ETags.entityTag(part.version)).entity(PartView.of(part)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PARTS_CLERK, Roles.PARTS_MANAGER, Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response get(@PathParam("id") UUID id) {
        Part part = stockroom.get(id);
        return Response.ok(PartView.of(part)).tag(ETags.entityTag(part.version)).build();
    }

    /** Receives stock of a part; publishes forecourt.parts.stock-received.v1 with the new quantity on hand. */
    @POST
    @Path("{id}/receipts")
    @RolesAllowed({Roles.PARTS_CLERK, Roles.PARTS_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response receive(@PathParam("id") UUID id, @NotNull @Valid ReceiveStock request) {
        Part part = stockroom.receive(id, request.quantity(), request.batch());
        return Response.ok(PartView.of(part)).tag(ETags.entityTag(part.version)).build();
    }
}
