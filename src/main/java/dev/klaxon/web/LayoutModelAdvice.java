package dev.klaxon.web;

import dev.klaxon.common.NavigationLink;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what the shared layout needs (the navigation) into every page's model. */
@ControllerAdvice
class LayoutModelAdvice {

    private final List<NavigationLink> navigation;

    LayoutModelAdvice(List<NavigationLink> links) {
        this.navigation = links.stream()
                .sorted(Comparator.comparingInt(NavigationLink::order))
                .toList();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @ModelAttribute("navigation")
    List<NavigationLink> navigation() {
        return navigation;
    }
}
