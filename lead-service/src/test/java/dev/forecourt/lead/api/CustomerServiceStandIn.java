package dev.forecourt.lead.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * customer-service's two endpoints lead-service calls, answered as customer-service answers them
 * (same status codes and bodies: found 200 / created 201 with {@code customerId}, and a 422
 * problem naming the field for a phone that is not a mainland mobile number). It lets a test
 * stop and start "customer-service" at will; the contract itself is tested in customer-service.
 * The same phone always resolves to the same customer, as identity resolution does.
 */
final class CustomerServiceStandIn implements AutoCloseable {

    static final int PORT = 18081;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    static UUID customerFor(String key) {
        return UUID.nameUUIDFromBytes(("customer:" + key).getBytes(StandardCharsets.UTF_8));
    }

    CustomerServiceStandIn start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/api/customers", this::handle);
        server.start();
        return this;
    }

    private void handle(HttpExchange x) throws IOException {
        authorizations.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
        JsonNode body = JSON.readTree(x.getRequestBody());
        String path = x.getRequestURI().getPath();
        if (path.equals("/api/customers/resolve")) {
            String phone = body.path("phone").asText(null);
            if (phone != null && !phone.replaceAll("[\\s-]", "").replaceFirst("^\\+86", "").matches("1[3-9][0-9]{9}")) {
                respond(x, 422, "{\"type\":\"https://forecourt.dev/problems/validation\",\"title\":\"Request is not valid\","
                        + "\"status\":422,\"errors\":[{\"field\":\"phone\",\"rule\":\"MainlandMobile\","
                        + "\"message\":\"must be a mainland mobile number: 11 digits starting with 1\"}]}");
                return;
            }
            UUID id = customerFor(phone);
            respond(x, 201, "{\"customerId\":\"" + id + "\",\"storeId\":\"" + body.path("storeId").asText()
                    + "\",\"created\":true,\"matchedOn\":null}");
        } else if (path.equals("/api/customers")) {
            UUID id = customerFor(body.path("emails").path(0).asText());
            respond(x, 201, "{\"id\":\"" + id + "\",\"masked\":true}");
        } else {
            respond(x, 404, "{}");
        }
    }

    private static void respond(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
