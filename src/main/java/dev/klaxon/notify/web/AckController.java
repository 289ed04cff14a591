package dev.klaxon.notify.web;

import dev.klaxon.notify.internal.Acknowledger;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The acknowledge link of a page, usable from a phone without signing in. GET shows what the link would do and
 * changes nothing (mail scanners prefetch links); the button POSTs. Browsers get a small page, clients that
 * accept JSON get JSON (problem details for the refusals).
 */
@Controller
class AckController {

    private final Acknowledger acknowledger;

    AckController(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    @GetMapping(path = "/ack/{token}", produces = MediaType.TEXT_HTML_VALUE)
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        return render(acknowledger.inspect(token), token, model, response);
    }

    @PostMapping(path = "/ack/{token}", produces = MediaType.TEXT_HTML_VALUE)
    String acknowledge(@PathVariable String token, Model model, HttpServletResponse response) {
        return render(acknowledger.acknowledge(token), token, model, response);
    }

    @GetMapping("/ack/{token}")
    @ResponseBody
    ResponseEntity<Object> showJson(@PathVariable String token) {
        return json(acknowledger.inspect(token));
    }

    @PostMapping("/ack/{token}")
    @ResponseBody
    ResponseEntity<Object> acknowledgeJson(@PathVariable String token) {
        return json(acknowledger.acknowledge(token));
    }

    private static String render(Acknowledger.Result result, String token, Model model, HttpServletResponse response) {
        response.setStatus(result.outcome().httpStatus());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        model.addAttribute("result", result);
        model.addAttribute("token", token);
        model.addAttribute("outcome", result.outcome().name());
        return "notify/ack";
    }

    private static ResponseEntity<Object> json(Acknowledger.Result result) {
        int status = result.outcome().httpStatus();
        if (status >= 400) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), result.message());
            problem.setTitle(title(result.outcome()));
            problem.setProperty("outcome", result.outcome().name());
            if (result.incident() != null) {
                problem.setProperty("incidentNumber", result.incident().number());
                problem.setProperty("incidentStatus", result.incident().status().name());
            }
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header("Cache-Control", "no-store")
                    .body(problem);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("outcome", result.outcome().name());
        body.put("message", result.message());
        body.put("pageId", result.page().id());
        body.put("reason", result.page().reason().name());
        body.put("role", result.page().role());
        body.put("user", result.userName());
        var incident = result.incident();
        body.put(
                "incident",
                Map.of(
                        "id", incident.id(),
                        "number", incident.number(),
                        "title", incident.title(),
                        "status", incident.status().name()));
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
    }

    private static String title(Acknowledger.Outcome outcome) {
        return switch (outcome) {
            case ALREADY_USED -> "Link already used";
            case EXPIRED -> "Link expired";
            case INVALID -> "Link not valid";
            case RESOLVED -> "Incident resolved";
            default -> "Not acknowledged";
        };
    }
}
