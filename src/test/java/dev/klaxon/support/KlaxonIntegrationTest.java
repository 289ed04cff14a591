package dev.klaxon.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a real HTTP port and a real database: a fresh H2 file per run, or the
 * PostgreSQL database the build passes in ({@code spring.datasource.*} system properties). Every test class
 * with this annotation shares one application context, so tests create their own teams and services with
 * unique names and never assume an empty database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "klaxon.identity.admin-password=" + KlaxonIntegrationTest.ADMIN_PASSWORD,
            "klaxon.data-dir=target/test-data/${random.uuid}",
            "klaxon.slo.worker.enabled=false",
            "klaxon.escalation.worker.enabled=false",
            "klaxon.oncall.worker.enabled=false",
            "klaxon.notify.worker.enabled=false",
            // Static so that the mail auto-configuration's condition sees it; the port comes from TestDeliveryServers.
            "spring.mail.host=127.0.0.1"
        })
@Import({TestClockConfiguration.class, RecordedEvents.class, TestDeliveryServers.class})
public @interface KlaxonIntegrationTest {

    String ADMIN_PASSWORD = "test-admin-password";
}
