package dev.klaxon.oncall.web;

import dev.klaxon.common.PublicPath;
import dev.klaxon.oncall.CalendarFeeds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The public iCalendar feeds: the secret token in the URL is the credential. */
@RestController
class CalendarFeedController {

    static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    private final CalendarFeeds feeds;

    CalendarFeedController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @Configuration(proxyBeanMethods = false)
    static class Paths {
        @Bean
        PublicPath calendarFeedPath() {
            return new PublicPath("/ical/**");
        }
    }

    @GetMapping("/ical/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        // A plain 404 without a problem body: calendar clients ask for text/calendar, not JSON.
        return feeds.render(token)
                .map(body -> ResponseEntity.ok()
                        .contentType(TEXT_CALENDAR)
                        .cacheControl(CacheControl.noStore())
                        .body(body))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
