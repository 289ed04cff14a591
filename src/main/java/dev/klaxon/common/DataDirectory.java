package dev.klaxon.common;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Resolves {@code klaxon.data-dir} to an absolute path before anything reads it, so that
 * {@code KLAXON_DATA_DIR=data} works as well as {@code ./data} (H2 refuses implicitly relative paths).
 * Exposes it as {@code klaxon.data-dir-absolute} for the embedded database URL.
 */
class DataDirectory implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("klaxon.data-dir", "./data");
        String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("klaxonDataDirectory", Map.of("klaxon.data-dir-absolute", absolute)));
    }

    @Override
    public int getOrder() {
        // After the config data (application.yml, environment variables) has been loaded.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
