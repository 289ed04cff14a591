package dev.klaxon.services;

/** Returned once, right after creation: the only time the routing key can be read. */
public record CreatedIntegration(IntegrationView integration, String key, String url) {}
