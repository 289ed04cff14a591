package dev.klaxon.identity.internal;

import dev.klaxon.identity.Caller;
import dev.klaxon.identity.KlaxonUser;
import dev.klaxon.identity.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs after authentication and builds the request's {@link Caller} from the database, so a role given or taken
 * away counts from the next request on, on every instance. A person deactivated since they signed in loses their
 * session here. A read-only API token is refused every state-changing request here, before any controller runs
 * (the facades check again).
 */
class CallerFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = Caller.class.getName();

    private final Users users;
    private final AuthenticationEntryPoint apiEntryPoint;
    private final RequestMatcher apiPaths;
    private final ObjectMapper json;

    CallerFilter(Users users, AuthenticationEntryPoint apiEntryPoint, RequestMatcher apiPaths, ObjectMapper json) {
        this.users = users;
        this.apiEntryPoint = apiEntryPoint;
        this.apiPaths = apiPaths;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof KlaxonUser user)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = users.caller(user.id(), user.readOnly());
        if (caller.isEmpty()) {
            signOut(request, response);
            return;
        }
        if (caller.get().readOnly() && !SecurityConfiguration.isSafe(request.getMethod())) {
            refuseReadOnly(request, response);
            return;
        }
        request.setAttribute(ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private void signOut(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        SecurityContextHolder.clearContext();
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        if (apiPaths.matches(request)) {
            apiEntryPoint.commence(request, response, new DisabledException("This account has been deactivated"));
        } else {
            response.sendRedirect(request.getContextPath() + "/login?deactivated");
        }
    }

    private void refuseReadOnly(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN, "This API token is read-only: it can read but not change anything");
        problem.setTitle("Forbidden");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("permission", null);
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
