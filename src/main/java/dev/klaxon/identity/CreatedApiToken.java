package dev.klaxon.identity;

/** The one moment the secret is visible: right after creation. */
public record CreatedApiToken(ApiTokenView token, String secret) {}
