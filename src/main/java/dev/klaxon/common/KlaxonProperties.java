package dev.klaxon.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code klaxon.*} settings that are not owned by one module.
 *
 * @param dataDir where the embedded database and local files live ({@code KLAXON_DATA_DIR}, default ./data)
 * @param baseUrl the URL people and senders reach Klaxon at, for integration URLs and links in messages;
 *     when empty, the scheme, host and port of the current request are used (behind a proxy, set it)
 */
@ConfigurationProperties("klaxon")
public record KlaxonProperties(String dataDir, String baseUrl) {

    private static final String FALLBACK = "http://localhost:8080";

    /** The absolute URL of {@code path} as people and senders outside reach it. */
    public String url(String path) {
        String base = baseUrl != null && !baseUrl.isBlank() ? baseUrl : fromCurrentRequest();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private static String fromCurrentRequest() {
        if (RequestContextHolder.getRequestAttributes() == null) {
            return FALLBACK;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }
}
