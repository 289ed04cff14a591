package dev.klaxon.identity.internal;

import dev.klaxon.common.PublicPath;
import dev.klaxon.identity.ApiTokens;
import dev.klaxon.identity.Users;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may call at all. Everything needs a signed-in user except health, the login page, static assets and
 * the intake endpoints, which authenticate with the integration's routing key instead. What a signed-in user may
 * do is decided by the module facades through {@link dev.klaxon.identity.Caller} (see docs/permissions.md).
 *
 * <p>One filter chain serves the UI and the API: browsers use a session from the login form, scripts use
 * HTTP Basic or an API token per request. API paths answer 401 problem details instead of redirecting.
 * CSRF protection applies to every state-changing request that relies on the session cookie, i.e. that
 * carries no Authorization header of its own. Modules add {@link PublicPath}s whose URL carries a secret.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String[] PUBLIC = {
        "/login",
        "/error",
        "/actuator/health",
        "/actuator/health/**",
        "/webjars/**",
        "/css/**",
        "/js/**",
        "/favicon.ico"
    };

    /** Intake authenticates by routing key (in the body or the URL), exactly like PagerDuty and Alertmanager expect. */
    private static final String[] INTAKE = {"/v2/enqueue", "/v2/change/enqueue", "/api/v1/integrations/alertmanager/**"
    };

    @Bean
    PasswordEncoder passwordEncoder() {
        // Delegating encoder: bcrypt today, and stored hashes name their algorithm so we can move on later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Intake is machine-to-machine and authenticates by routing key in its own handlers, so Spring Security has
     * nothing to do there: no session, CSRF, request cache or security context, and no browser reads its JSON.
     * Leaving it out of every filter chain (rather than a chain that permits all) saves the chain's per-request
     * work and its per-filter observations on the hottest path; the intake answers set their own headers.
     */
    @Bean
    WebSecurityCustomizer intakeOutsideSecurity() {
        return web -> web.ignoring().requestMatchers(INTAKE);
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, ApiTokens tokens, Users users, ObjectMapper json, List<PublicPath> publicPaths)
            throws Exception {
        var apiEntryPoint = new ProblemAuthenticationEntryPoint(json);
        RequestMatcher apiPaths = request -> {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v2/");
        };
        RequestMatcher secretInUrl = secretInUrl(publicPaths);
        RequestMatcher needsCsrf = request -> !isSafe(request.getMethod())
                && request.getHeader("Authorization") == null
                && !secretInUrl.matches(request);
        http.authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC)
                        .permitAll()
                        .requestMatchers(secretInUrl)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(needsCsrf))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint))
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(apiEntryPoint, apiPaths))
                .headers(
                        headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(
                                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")))
                .addFilterBefore(new BearerTokenFilter(tokens, apiEntryPoint), BasicAuthenticationFilter.class)
                // Who the caller is, and what they may do, is settled once authentication and the URL rules are.
                .addFilterAfter(new CallerFilter(users, apiEntryPoint, apiPaths, json), AuthorizationFilter.class)
                .requestCache(Customizer.withDefaults());
        return http.build();
    }

    /** Paths other modules declare public because the URL carries its own secret; matches nothing when none do. */
    private static RequestMatcher secretInUrl(List<PublicPath> publicPaths) {
        if (publicPaths.isEmpty()) {
            return request -> false;
        }
        return new OrRequestMatcher(publicPaths.stream()
                .map(path -> (RequestMatcher)
                        PathPatternRequestMatcher.withDefaults().matcher(path.pattern()))
                .toList());
    }

    static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method);
    }
}
