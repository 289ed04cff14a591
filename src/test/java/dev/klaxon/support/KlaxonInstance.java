package dev.klaxon.support;

import dev.klaxon.KlaxonApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Klaxon started by a test on its own (for several instances, restarts and benchmarks), on a free port
 * and the given clock. Its background loops are off unless {@code settings} turn them on; the database is the
 * H2 file under {@code dataDir}, or the PostgreSQL database the build passes in as system properties.
 */
public final class KlaxonInstance {

    private KlaxonInstance() {}

    /** @param settings {@code key=value} pairs that override the defaults */
    public static ConfigurableApplicationContext start(MutableClock clock, String dataDir, String... settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("klaxon.data-dir", dataDir);
        properties.put("klaxon.identity.admin-password", KlaxonIntegrationTest.ADMIN_PASSWORD);
        properties.put("klaxon.slo.worker.enabled", "false");
        properties.put("klaxon.oncall.worker.enabled", "false");
        properties.put("klaxon.notify.worker.enabled", "false");
        properties.put("klaxon.escalation.worker.enabled", "false");
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            properties.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        // Command-line arguments outrank application.yml.
        String[] arguments = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(KlaxonApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("testClock", clock))
                .run(arguments);
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static boolean onPostgres() {
        return System.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
    }
}
