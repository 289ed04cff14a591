package dev.klaxon.common;

import java.util.UUID;

/**
 * The caller is known but lacks a permission for this action; rendered as a 403 problem detail that names the
 * missing {@code permission} (and the {@code teamId} it was needed in, for team-scoped permissions).
 */
public class ForbiddenException extends RuntimeException {

    private final String permission;
    private final UUID teamId;

    public ForbiddenException(String permission, UUID teamId, String message) {
        super(message);
        this.permission = permission;
        this.teamId = teamId;
    }

    /** The permission's name, e.g. {@code services.manage}; null when the refusal is not about one permission. */
    public String permission() {
        return permission;
    }

    /** The team the permission was needed in; null for organisation-wide permissions. */
    public UUID teamId() {
        return teamId;
    }
}
