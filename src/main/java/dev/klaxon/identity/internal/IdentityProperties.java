package dev.klaxon.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code klaxon.identity.*}.
 *
 * @param adminPassword password of the {@code admin} user created on first start; generated and logged
 *     once when empty
 */
@ConfigurationProperties("klaxon.identity")
public record IdentityProperties(String adminPassword) {}
