package dev.klaxon.slo.internal;

/** Pulling counts from Prometheus failed; the message is shown on the SLO. */
public class PullException extends RuntimeException {

    public PullException(String message) {
        super(message);
    }

    public PullException(String message, Throwable cause) {
        super(message, cause);
    }
}
