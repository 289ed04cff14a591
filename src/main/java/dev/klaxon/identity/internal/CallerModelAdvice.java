package dev.klaxon.identity.internal;

import dev.klaxon.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Every page's model gets {@code caller}, so templates show only the buttons a person may use, e.g.
 * {@code th:if="${caller.may('services.manage', service.teamId)}"}. The facades refuse forged requests anyway.
 */
@ControllerAdvice(annotations = Controller.class)
class CallerModelAdvice {

    @ModelAttribute("caller")
    Caller caller(HttpServletRequest request) {
        return CallerArgumentResolver.current(request);
    }
}
