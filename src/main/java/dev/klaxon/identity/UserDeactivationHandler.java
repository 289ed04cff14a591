package dev.klaxon.identity;

import java.util.List;

/**
 * Lets other modules clean up after a person is deactivated, in the same transaction (so a refused deactivation
 * changes nothing): on-call takes them out of rotations, escalation reports policies that page them directly.
 * Each returns the warnings a person should read, e.g. a rotation left with nobody on call.
 */
public interface UserDeactivationHandler {

    List<String> deactivated(UserView user);
}
