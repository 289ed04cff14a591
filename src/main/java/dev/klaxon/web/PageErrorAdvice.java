package dev.klaxon.web;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Errors on pages: htmx requests get a small error fragment that the page shows in its message area
 * ({@code HX-Retarget}), full page loads get the error page.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorAdvice {

    @ExceptionHandler(NotFoundException.class)
    String notFound(
            NotFoundException e,
            Model model,
            HttpServletResponse response,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        return render(404, e.getMessage(), model, response, htmx);
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(
            ConflictException e,
            Model model,
            HttpServletResponse response,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        return render(409, e.getMessage(), model, response, htmx);
    }

    @ExceptionHandler(InvalidInputException.class)
    String invalid(
            InvalidInputException e,
            Model model,
            HttpServletResponse response,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        return render(400, e.getMessage(), model, response, htmx);
    }

    @ExceptionHandler(BindException.class)
    String invalidForm(
            BindException e,
            Model model,
            HttpServletResponse response,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        String message = e.getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return render(400, message.isEmpty() ? "The form is invalid" : message, model, response, htmx);
    }

    private static String render(int status, String message, Model model, HttpServletResponse response, String htmx) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        if (htmx != null) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "innerHTML");
            return "fragments/error :: message";
        }
        return "error";
    }
}
