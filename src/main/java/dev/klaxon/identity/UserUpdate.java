package dev.klaxon.identity;

import java.util.List;

/** The user after a change, and what the change left behind that a person should look at (rotation gaps). */
public record UserUpdate(UserView user, List<String> warnings) {}
