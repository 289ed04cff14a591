package dev.klaxon.common;

/** A referenced thing does not exist (or is not visible to the caller); rendered as 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
