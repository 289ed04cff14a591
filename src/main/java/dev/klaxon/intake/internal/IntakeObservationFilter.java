package dev.klaxon.intake.internal;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Intake requests are measured by {@code klaxon.intake.latency} and counted by {@code klaxon.intake.events};
 * the generic {@code http.server.requests} observation on top of that cost about a fifth of the CPU per
 * event in profiles, so it is skipped for intake paths.
 */
@Configuration(proxyBeanMethods = false)
class IntakeObservationFilter {

    @Bean
    ObservationPredicate skipHttpObservationForIntake() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request && isIntake(request));
    }

    private static boolean isIntake(ServerRequestObservationContext request) {
        String uri = request.getCarrier().getRequestURI();
        return uri.startsWith("/v2/") || uri.startsWith("/api/v1/integrations/alertmanager/");
    }
}
