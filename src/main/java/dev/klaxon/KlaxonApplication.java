package dev.klaxon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KlaxonApplication {

    public static void main(String[] args) {
        SpringApplication.run(KlaxonApplication.class, args);
    }
}
