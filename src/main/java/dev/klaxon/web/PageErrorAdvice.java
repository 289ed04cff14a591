package dev.klaxon.web;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.ForbiddenException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors on pages: htmx requests get a small error fragment that the page shows in its message area
 * ({@code HX-Retarget}), full page loads get the error page.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorAdvice {

    @ExceptionHandler({
        NotFoundException.class,
        ConflictException.class,
        ForbiddenException.class,
        InvalidInputException.class,
        BindException.class
    })
    String render(Exception e, Model model, HttpServletRequest request, HttpServletResponse response) {
        // Exception handlers cannot take @RequestHeader: read the header from the request.
        String htmx = request.getHeader("HX-Request");
        int status = e instanceof NotFoundException
                ? 404
                : e instanceof ConflictException ? 409 : e instanceof ForbiddenException ? 403 : 400;
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message(e));
        if (htmx != null) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "innerHTML");
            return "fragments/error :: message";
        }
        return "error";
    }

    private static String message(Exception e) {
        if (e instanceof BindException bind) {
            String fields = bind.getFieldErrors().stream()
                    .map(f -> f.getField() + " " + f.getDefaultMessage())
                    .collect(Collectors.joining("; "));
            return fields.isEmpty() ? "The form is invalid" : fields;
        }
        return e.getMessage();
    }
}
