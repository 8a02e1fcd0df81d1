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
import jakarta.ws.rs.PATCH;
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

/** Vehicles: registered to a customer, found by VIN, handed to another owner, odometer readings over time. */
@Path("/api/vehicles")
public class VehicleResource {

    public record VehicleInput(@NotNull @ValidVin String vin, @Size(max = 16) String plate, @Size(max = 64) String brand,
                               @Size(max = 64) String series, @Size(max = 64) String model, @Size(max = 64) String trim,
                               @Size(max = 32) String colour, @Size(max = 32) String engineNumber,
                               @Size(max = 16) String displacement, LocalDate productionDate,
                               LocalDate registrationDate, LocalDate purchaseDate, Boolean soldByUs,
                               LocalDate warrantyEnd, @PositiveOrZero Integer warrantyKm, LocalDate insuranceExpiry,
                               LocalDate inspectionDue) {
        VehicleRegistry.Details details() {
            return new VehicleRegistry.Details(vin, plate, brand, series, model, trim, colour, engineNumber, displacement,
                    productionDate, registrationDate, purchaseDate, soldByUs, warrantyEnd, warrantyKm, insuranceExpiry,
                    inspectionDue);
        }
    }

    public record Transfer(@NotNull UUID customerId, @NotNull LocalDate on) {
    }

    /**
     * The fields a vehicle's record may change (absent: unchanged); its identity (VIN, brand, series,
     * model) may not, and naming it is a 422. Other fields of the vehicle (trim, engine number, dates of
     * production and purchase, sold by us) are not changed here and, like any unknown field, ignored.
     */
    public record VehicleChange(@Size(min = 1, max = 16) String plate, @Size(min = 1, max = 32) String colour,
                                LocalDate registrationDate, LocalDate warrantyEnd, @PositiveOrZero Integer warrantyKm,
                                LocalDate insuranceExpiry, LocalDate inspectionDue,
                                @jakarta.validation.constraints.Null(message = "a vehicle keeps its VIN; register the other car instead") String vin,
                                @jakarta.validation.constraints.Null(message = "a vehicle keeps its make") String brand,
                                @jakarta.validation.constraints.Null(message = "a vehicle keeps its series") String series,
                                @jakarta.validation.constraints.Null(message = "a vehicle keeps its model") String model) {
        VehicleRegistry.Changes changes() {
            return new VehicleRegistry.Changes(plate, colour, registrationDate, warrantyEnd, warrantyKm, insuranceExpiry,
                    inspectionDue);
        }
    }

    public record ReadingInput(@NotNull LocalDate readOn, @NotNull @PositiveOrZero @Max(5_000_000) Integer km,
                               @NotBlank @Size(max = 32) String source) {
    }

    public record VehicleView(UUID id, String storeId, String vin, UUID ownerId, LocalDate ownerSince, String plate,
                              String brand, String series, String model, String trim, String colour,
                              String engineNumber, String displacement, LocalDate productionDate,
                              LocalDate registrationDate, LocalDate purchaseDate, boolean soldByUs,
                              LocalDate warrantyEnd, Integer warrantyKm, LocalDate insuranceExpiry,
                              LocalDate inspectionDue, Instant createdAt, long version,
                              List<VehicleRegistry.Ownership> previousOwners, List<VehicleRegistry.Reading> odometer) {
        static VehicleView of(Vehicle v, List<VehicleRegistry.Ownership> owners, List<VehicleRegistry.Reading> readings) {
            return new VehicleView(v.id, v.storeId, v.vin, v.ownerId, v.ownerSince, v.plate, v.brand, v.series, v.model,
                    v.trim, v.colour, v.engineNumber, v.displacement, v.productionDate, v.registrationDate,
                    v.purchaseDate, v.soldByUs, v.warrantyEnd, v.warrantyKm, v.insuranceExpiry, v.inspectionDue,
                    v.createdAt, v.version, owners, readings);
        }

        static VehicleView of(Vehicle v) {
            return of(v, null, null);
        }
    }

    @Inject
    VehicleRegistry vehicles;

    @Inject
    CurrentUser user;

    /** Vehicles of the caller's stores; {@code vin} finds one car exactly. */
    @GET
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Page<VehicleView> list(@Valid @BeanParam PageRequest page, @QueryParam("vin") @ValidVin String vin) {
        var query = StoreScopedQuery.of(user.stores()).after(page.cursor());
        if (vin != null) {
            query.and("vin = :vin", "vin", Vin.normalise(vin));
        }
        return query.page((where, params) -> Vehicle.<Vehicle>find(where, params), page.limit(), v -> VehicleView.of(v));
    }

    @GET
    @Path("{id}")
    @Transactional
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response get(@PathParam("id") UUID id) {
        Vehicle v = vehicles.get(id);
        return Response.ok(VehicleView.of(v, vehicles.previousOwners(v.id), vehicles.readings(v.id)))
                .tag(ETags.entityTag(v.version)).build();
    }

    /**
     * Changes a vehicle's plate, colour, registration, warranty, insurance or inspection dates; needs the
     * ETag read last in If-Match (412 when stale). Each change is in the owner's history.
     */
    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response update(@PathParam("id") UUID id, @jakarta.ws.rs.HeaderParam("If-Match") String ifMatch,
                           @NotNull @Valid VehicleChange change) {
        Vehicle v = vehicles.update(id, ifMatch, change.changes());
        return Response.ok(VehicleView.of(v)).tag(ETags.entityTag(v.version)).build();
    }

    /** The car changes hands; the previous owner goes into its ownership history. */
    @POST
    @Path("{id}/transfers")
    @RolesAllowed({Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public VehicleView transfer(@PathParam("id") UUID id, @NotNull @Valid Transfer transfer) {
        Vehicle v = vehicles.transfer(id, transfer.customerId(), transfer.on());
        return VehicleView.of(v);
    }

    @POST
    @Path("{id}/odometer-readings")
    @RolesAllowed({Roles.SERVICE_ADVISOR, Roles.SALES_CONSULTANT, Roles.STORE_MANAGER, Roles.GROUP_ADMIN,
            Roles.INTEGRATION_CLIENT})
    public Response addReading(@PathParam("id") UUID id, @NotNull @Valid ReadingInput input) {
        var reading = vehicles.addReading(id, new VehicleRegistry.Reading(input.readOn(), input.km(), input.source()));
        return Response.status(201).entity(reading).build();
    }
}
