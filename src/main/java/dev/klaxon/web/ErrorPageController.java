package dev.klaxon.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors that happen outside any controller (no such path, a body too large for the server): API and
 * intake paths answer with a problem detail, pages with the error page.
 */
@Controller
class ErrorPageController implements ErrorController {

    @RequestMapping("/error")
    Object error(HttpServletRequest request, Model model) {
        HttpStatus status = statusOf(request);
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String detail = switch (status) {
            case NOT_FOUND -> "No such resource: " + uri;
            case METHOD_NOT_ALLOWED -> "This method is not allowed on " + uri;
            case CONTENT_TOO_LARGE -> "The request body is too large";
            case FORBIDDEN -> "You are not allowed to do this";
            default ->
                status.is5xxServerError()
                        ? "An unexpected error occurred; it has been logged"
                        : status.getReasonPhrase();
        };
        if (uri.startsWith("/api/") || uri.startsWith("/v2/") || uri.startsWith("/actuator/")) {
            var problem = ApiProblemAdvice.problem(status, status.getReasonPhrase(), detail);
            problem.setInstance(java.net.URI.create(uri));
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        model.addAttribute("status", status.value());
        model.addAttribute("message", detail);
        return "error";
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
