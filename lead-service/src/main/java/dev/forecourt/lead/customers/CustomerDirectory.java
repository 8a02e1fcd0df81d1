package dev.forecourt.lead.customers;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * customer-service as lead-service uses it: find-or-create a customer for a prospect, and ask after a
 * customer it has not heard of on customer-events ({@link KnownCustomers}). Calls
 * carry lead-service's own token (client credentials of the integration client), so linking
 * works the same from a request and from the background linker.
 */
@RegisterRestClient(configKey = "customer-service")
@OidcClientFilter
@Path("/api/customers")
public interface CustomerDirectory {

    /** Find-or-create by phone or VIN within the store (customer-service's identity resolution). */
    record ResolveRequest(String storeId, String phone, String vin, String kind, String name, String sourceChannel) {
    }

    record Resolved(UUID customerId, String storeId, boolean created, String matchedOn) {
    }

    /** A new customer known only by name and email (resolution needs a phone, ID number or VIN). */
    record Register(String storeId, String kind, String name, List<String> emails, String sourceChannel) {
    }

    record Registered(UUID id) {
    }

    /** A customer as customer-service knows it, without personal data (not an audited read). */
    record Summary(UUID id, String storeId, String kind, Instant createdAt, UUID mergedInto) {
    }

    @GET
    @Path("{id}/summary")
    Summary summary(@PathParam("id") UUID id);

    @POST
    @Path("resolve")
    Resolved resolve(ResolveRequest request);

    @POST
    Registered register(Register request);
}
