package dev.klaxon.identity;

import dev.klaxon.common.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Roles are named in lower case in the API, the database and the docs; parsing is forgiving about case and space. */
final class RoleNames {

    private RoleNames() {}

    static String key(Enum<?> role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code value}; anything else is a field error on {@code field} that lists the names. */
    static <E extends Enum<E>> E parse(Class<E> roles, String value, String field) {
        E[] all = roles.getEnumConstants();
        if (value != null) {
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            for (E role : all) {
                if (key(role).equals(wanted)) {
                    return role;
                }
            }
        }
        throw InvalidInputException.of(
                field,
                "must be one of " + Arrays.stream(all).map(RoleNames::key).collect(Collectors.joining(", ")));
    }
}
