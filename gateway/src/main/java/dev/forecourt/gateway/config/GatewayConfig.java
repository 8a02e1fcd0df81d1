package dev.forecourt.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "forecourt.gateway")
public interface GatewayConfig {

    /** API resource (the segment after /api/) to the base URL of the service that serves it. */
    Map<String, URI> routes();

    /** Service name to its base URL, for its OpenAPI document. */
    Map<String, URI> openapi();

    /** How long to wait for a service to connect before answering 502. */
    @WithDefault("5S")
    Duration connectTimeout();
}
