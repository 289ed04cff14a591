package dev.klaxon.intake.web;

import dev.klaxon.intake.internal.AlertmanagerIntake;
import dev.klaxon.intake.internal.EventsV2Intake;
import dev.klaxon.intake.internal.IntakeResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake endpoints, served by a servlet of their own instead of Spring MVC: intake is the hottest path and
 * needs nothing MVC offers (no content negotiation, argument binding or model), whose dispatch cost about as much
 * CPU per event as the event's own work. The body is read as raw bytes so that size, encoding and JSON errors get
 * the documented answers; authentication is the routing key, not a session. Other methods than POST get the
 * container's 405, rendered as a problem detail by the error page.
 */
class IntakeServlet extends HttpServlet {

    static final String ENQUEUE = "/v2/enqueue";
    static final String CHANGE_ENQUEUE = "/v2/change/enqueue";
    /** Mapped as {@code ALERTMANAGER + "/*"}: the path info is {@code "/" + integration key}. */
    static final String ALERTMANAGER = "/api/v1/integrations/alertmanager";

    private static final Logger log = LoggerFactory.getLogger(IntakeServlet.class);

    /** When producing the answer failed (a bug: the intake classes turn every storage outcome into an answer). */
    private static final IntakeResponse UNANSWERED = new IntakeResponse(
            503, Map.of("status", "error", "message", "Klaxon could not answer; please retry"), false);

    private final transient EventsV2Intake eventsV2;
    private final transient AlertmanagerIntake alertmanager;
    private final transient ObjectWriter bodyWriter;

    IntakeServlet(EventsV2Intake eventsV2, AlertmanagerIntake alertmanager, ObjectMapper json) {
        this.eventsV2 = eventsV2;
        this.alertmanager = alertmanager;
        // Problem details are written the way Spring MVC writes them: extension properties at the top level.
        this.bodyWriter = ((JsonMapper) json)
                .rebuild()
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                .build()
                .writer();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String contentType = request.getContentType();
        long length = request.getContentLengthLong();
        CompletableFuture<IntakeResponse> answer = switch (request.getServletPath()) {
            case ENQUEUE -> eventsV2.enqueue(contentType, length, request.getInputStream());
            case CHANGE_ENQUEUE -> eventsV2.changeEnqueue(contentType, length, request.getInputStream());
            case ALERTMANAGER -> {
                String key = integrationKey(request.getPathInfo());
                yield key == null ? null : alertmanager.receive(key, contentType, length, request.getInputStream());
            }
            default -> null;
        };
        if (answer == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        } else if (answer.isDone()) {
            write(answer.join(), response);
        } else {
            answerWhenCommitted(answer, request.startAsync(), response);
        }
    }

    /**
     * The request thread goes back to the container while the event waits for its group commit; the thread that
     * completes the commit writes the answer. A waiting request then holds a connection but no thread, so a burst
     * of senders cannot take every request thread (and the web pages with them), and the container skips a
     * wake-up per event. The answer always completes: intake bounds it by the submit timeout, so the container's
     * own async timeout is off.
     */
    private void answerWhenCommitted(
            CompletableFuture<IntakeResponse> answer, AsyncContext async, HttpServletResponse response) {
        async.setTimeout(0);
        answer.whenComplete((result, failure) -> {
            try {
                write(failure == null ? result : UNANSWERED, response);
            } catch (IOException | RuntimeException e) {
                log.debug("Could not write an intake answer (the client may have gone)", e);
            } finally {
                async.complete();
            }
        });
    }

    /** {@code "/<key>"} → key; anything else (no key, a deeper path) is not an intake URL. */
    private static String integrationKey(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 2 || pathInfo.indexOf('/', 1) >= 0) {
            return null;
        }
        return pathInfo.substring(1);
    }

    private void write(IntakeResponse answer, HttpServletResponse response) throws IOException {
        byte[] body = bodyWriter.writeValueAsBytes(answer.body());
        response.setStatus(answer.status());
        response.setContentType(
                answer.body() instanceof ProblemDetail
                        ? MediaType.APPLICATION_PROBLEM_JSON_VALUE
                        : MediaType.APPLICATION_JSON_VALUE);
        // What Spring Security's header writer adds elsewhere; intake is outside its filter chains.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (answer.closeConnection()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
