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
 * start at 100 µs (look-ups take about a millisecond) and grow about 10 % apiece.
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
                        .build()
                        .merge(config);
            }
        };
    }
}
