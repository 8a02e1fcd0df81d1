package dev.forecourt.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * Publishes the server's request times as a histogram ({@code http_server_requests_seconds_bucket}
 * on {@code /q/metrics}) rather than only a count and a sum, so a p99 per endpoint can be read
 * where the request is served: by Prometheus in operation, and by the benchmarks, which measure
 * "at the service" targets this way rather than through their own client's overhead. Buckets
 * start at 100 µs (look-ups take about a millisecond) and grow about a third apiece near 5 ms
 * (4.19, 5.59, 6.99 ms), so the look-up target, a p99 under 5 ms, gets a bucket boundary of its own:
 * without it a p99 of 4.3 ms read as "at most 5.59".
 */
@Singleton
public class RequestHistograms {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter requestHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) TimeUnit.MICROSECONDS.toNanos(100))
                        .maximumExpectedValue((double) TimeUnit.SECONDS.toNanos(30))
                        .serviceLevelObjectives((double) TimeUnit.MILLISECONDS.toNanos(5))
                        .build()
                        .merge(config);
            }
        };
    }
}
