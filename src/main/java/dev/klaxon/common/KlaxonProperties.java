package dev.klaxon.common;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code klaxon.*} settings that are not owned by one module.
 *
 * @param dataDir where the embedded database and local files live ({@code KLAXON_DATA_DIR}, default ./data)
 * @param baseUrl the URL people and senders reach Klaxon at; used in integration URLs and links in pages
 */
@ConfigurationProperties("klaxon")
public record KlaxonProperties(String dataDir, String baseUrl) {

    public String url(String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path;
    }
}
