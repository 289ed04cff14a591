package dev.klaxon.notify.spi;

import java.util.UUID;

/**
 * One message to one contact method. A page carries its incident and the acknowledge link; a notice carries
 * neither.
 *
 * @param deliveryId stable across retries, so receivers can drop a repeated delivery
 * @param kind {@code page} or {@code notice}
 * @param address the e-mail address, URL or phone number of the contact method
 * @param subject one line, e.g. {@code [Klaxon] #42 P1 Checkout failing}
 * @param text plain text with the links
 */
public record OutgoingMessage(
        UUID deliveryId,
        String kind,
        String address,
        UUID userId,
        String userName,
        String subject,
        String text,
        Incident incident,
        String acknowledgeUrl,
        String reason,
        String role,
        Integer level,
        String stepKey) {

    /** The incident a page is about. */
    public record Incident(
            UUID id, long number, String title, String status, String priority, String severity, String url) {}

    public boolean isPage() {
        return incident != null;
    }
}
