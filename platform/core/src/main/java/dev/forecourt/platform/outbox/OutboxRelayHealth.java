package dev.forecourt.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /q/health/live} reports the outbox relay: DOWN only when its thread has ended, which no
 * retry can mend (a restart does; the events wait in the outbox). A relay that is retrying, Kafka or
 * the database away, stays UP, since restarting would not bring them back; its last failure and
 * when the outbox was last drained are in the check's data, for whoever watches.
 */
@Liveness
@ApplicationScoped
public class OutboxRelayHealth implements HealthCheck {

    @Inject
    OutboxRelayService relay;

    @Override
    public HealthCheckResponse call() {
        OutboxRelayService.State state = relay.state();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("outbox-relay").status(state.alive())
                .withData("enabled", state.enabled());
        if (state.lastDrained() != null) {
            r.withData("lastDrained", state.lastDrained().toString());
        }
        if (state.lastFailure() != null) {
            r.withData("lastFailure", state.lastFailure());
        }
        return r.build();
    }
}
