package dev.klaxon.common;

/** The request is valid but clashes with the current state (a duplicate name, an illegal transition); 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
