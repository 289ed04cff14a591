package dev.klaxon.intake.web;

import dev.klaxon.intake.internal.AlertmanagerIntake;
import dev.klaxon.intake.internal.EventsV2Intake;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** Maps the intake URLs to {@link IntakeServlet}; exact and path mappings win over the dispatcher's "/". */
@Configuration(proxyBeanMethods = false)
class IntakeServletConfiguration {

    @Bean
    ServletRegistrationBean<IntakeServlet> intakeServlet(
            EventsV2Intake eventsV2, AlertmanagerIntake alertmanager, ObjectMapper json) {
        var registration = new ServletRegistrationBean<>(
                new IntakeServlet(eventsV2, alertmanager, json),
                IntakeServlet.ENQUEUE,
                IntakeServlet.CHANGE_ENQUEUE,
                IntakeServlet.ALERTMANAGER + "/*");
        registration.setName("intake");
        registration.setLoadOnStartup(1);
        registration.setAsyncSupported(true);
        return registration;
    }
}
