package dev.klaxon.intake.internal;

/**
 * What an intake endpoint answers: a status and a JSON body (a map, or a problem detail for our own
 * endpoints).
 *
 * @param closeConnection true when the request body was not read to its end
 */
public record IntakeResponse(int status, Object body, boolean closeConnection) {

    static IntakeResponse of(int status, Object body) {
        return new IntakeResponse(status, body, false);
    }
}
