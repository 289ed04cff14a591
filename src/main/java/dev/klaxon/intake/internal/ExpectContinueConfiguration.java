package dev.klaxon.intake.internal;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat answers {@code Expect: 100-continue} only when the application starts reading the body (instead of
 * at once). Intake refuses an oversized body by its declared length without reading it, so a client that asks
 * first (curl does for bodies over 1 MB, as do most HTTP libraries when told to) gets the 400 without ever
 * sending the body. Endpoints that read their body see no difference.
 */
@Configuration(proxyBeanMethods = false)
class ExpectContinueConfiguration {

    @Bean
    TomcatConnectorCustomizer continueOnRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
