package dev.klaxon.common;

import java.util.Objects;
import java.util.UUID;

/**
 * Who did something: a person, an integration sending events, or Klaxon itself. Recorded with every
 * state change and timeline entry.
 */
public record Actor(Type type, UUID id, String name) {

    public enum Type {
        USER,
        INTEGRATION,
        SYSTEM
    }

    public static final Actor SYSTEM = new Actor(Type.SYSTEM, null, "Klaxon");

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static Actor user(UUID id, String name) {
        return new Actor(Type.USER, id, name);
    }

    public static Actor integration(UUID id, String name) {
        return new Actor(Type.INTEGRATION, id, name);
    }
}
