package dev.klaxon.notify.internal;

import dev.klaxon.common.KlaxonProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Pages are composed on background threads, where no request tells Klaxon its own address: without
 * {@code klaxon.base-url} the links in messages would point at localhost. Say so once at start.
 */
@Component
class BaseUrlCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BaseUrlCheck.class);

    private final KlaxonProperties klaxon;

    BaseUrlCheck(KlaxonProperties klaxon) {
        this.klaxon = klaxon;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (klaxon.baseUrl() == null || klaxon.baseUrl().isBlank()) {
            log.warn(
                    "KLAXON_BASE_URL (klaxon.base-url) is not set: links in pages and e-mails will point at {}; "
                            + "set it to the address people reach Klaxon at",
                    klaxon.url("/"));
        }
    }
}
