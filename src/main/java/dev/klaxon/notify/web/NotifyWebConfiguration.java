package dev.klaxon.notify.web;

import dev.klaxon.common.NavigationLink;
import dev.klaxon.common.PublicPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The acknowledge links are public (the signed token is the credential); the notifications page is in the nav. */
@Configuration(proxyBeanMethods = false)
class NotifyWebConfiguration {

    @Bean
    PublicPath acknowledgeLinks() {
        return new PublicPath("/ack/**");
    }

    @Bean
    NavigationLink notificationsLink() {
        return new NavigationLink("Notifications", "/notifications", 45);
    }
}
