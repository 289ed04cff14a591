package dev.klaxon.intake.web;

import dev.klaxon.intake.internal.AlertmanagerIntake;
import dev.klaxon.intake.internal.EventsV2Intake;
import dev.klaxon.intake.internal.IntakeResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The intake endpoints. The body is read here as raw bytes (never by a message converter) so that size,
 * encoding and JSON errors get the documented answers; authentication is the routing key, not a session.
 */
@RestController
class IntakeController {

    private final EventsV2Intake eventsV2;
    private final AlertmanagerIntake alertmanager;

    IntakeController(EventsV2Intake eventsV2, AlertmanagerIntake alertmanager) {
        this.eventsV2 = eventsV2;
        this.alertmanager = alertmanager;
    }

    @PostMapping("/v2/enqueue")
    ResponseEntity<Object> enqueue(HttpServletRequest request) throws IOException {
        return respond(
                eventsV2.enqueue(request.getContentType(), request.getContentLengthLong(), request.getInputStream()));
    }

    @PostMapping("/v2/change/enqueue")
    ResponseEntity<Object> changeEnqueue(HttpServletRequest request) throws IOException {
        return respond(eventsV2.changeEnqueue(
                request.getContentType(), request.getContentLengthLong(), request.getInputStream()));
    }

    @PostMapping("/api/v1/integrations/alertmanager/{integrationKey}")
    ResponseEntity<Object> alertmanager(@PathVariable String integrationKey, HttpServletRequest request)
            throws IOException {
        return respond(alertmanager.receive(
                integrationKey, request.getContentType(), request.getContentLengthLong(), request.getInputStream()));
    }

    private static ResponseEntity<Object> respond(IntakeResponse response) {
        var builder = ResponseEntity.status(response.status())
                .contentType(
                        response.body() instanceof ProblemDetail
                                ? MediaType.APPLICATION_PROBLEM_JSON
                                : MediaType.APPLICATION_JSON);
        // What Spring Security's header writer adds elsewhere; intake is outside its filter chains.
        builder.header("X-Content-Type-Options", "nosniff").cacheControl(CacheControl.noStore());
        if (response.closeConnection()) {
            builder.header(HttpHeaders.CONNECTION, "close");
        }
        return builder.body(response.body());
    }
}
