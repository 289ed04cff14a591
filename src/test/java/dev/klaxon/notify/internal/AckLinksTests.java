package dev.klaxon.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.common.KlaxonProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Token format, signature and expiry of acknowledge links, with a configured key (no database). */
class AckLinksTests {

    private static final Instant PAGED = Instant.parse("2026-11-23T09:00:00Z");

    private static NotifyProperties properties(String secret) {
        return new NotifyProperties(
                null,
                100,
                8,
                2000,
                Duration.ofMinutes(2),
                6,
                Duration.ofSeconds(30),
                Duration.ofMinutes(15),
                Duration.ofSeconds(10),
                Duration.ofHours(24),
                secret,
                "klaxon@localhost",
                new NotifyProperties.Twilio("https://api.twilio.com", null, null, null));
    }

    private static AckLinks links(String secret, Instant now) {
        return new AckLinks(
                properties(secret),
                new KlaxonProperties("./data", "https://klaxon.example.com"),
                null,
                null,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenNamesItsPageUntilItExpires() {
        UUID page = UUID.randomUUID();
        String token = links("s3cret", PAGED).token(page, PAGED);

        assertThat(links("s3cret", PAGED.plus(Duration.ofHours(23))).verify(token))
                .isEqualTo(new AckLinks.Valid(page, PAGED.plus(Duration.ofHours(24))));
        assertThat(links("s3cret", PAGED.plus(Duration.ofHours(24))).verify(token))
                .isEqualTo(new AckLinks.Expired(page, PAGED.plus(Duration.ofHours(24))));
        assertThat(links("s3cret", PAGED).url(page, PAGED)).isEqualTo("https://klaxon.example.com/ack/" + token);
    }

    @Test
    void anyChangedByteOrAnotherKeyIsForged() {
        UUID page = UUID.randomUUID();
        String token = links("s3cret", PAGED).token(page, PAGED);
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            assertThat(links("s3cret", PAGED)
                            .verify(Base64.getUrlEncoder().withoutPadding().encodeToString(changed)))
                    .as("byte %d flipped", i)
                    .isInstanceOf(AckLinks.Forged.class);
        }
        assertThat(links("other", PAGED).verify(token)).isInstanceOf(AckLinks.Forged.class);
        assertThat(links("s3cret", PAGED).verify("")).isInstanceOf(AckLinks.Forged.class);
        assertThat(links("s3cret", PAGED).verify("!!not base64!!")).isInstanceOf(AckLinks.Forged.class);
        assertThat(links("s3cret", PAGED).verify(token.substring(1))).isInstanceOf(AckLinks.Forged.class);
    }

    @Test
    void backOffDoublesFromThirtySecondsUpToFifteenMinutes() {
        var properties = properties(null);
        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.backoffAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.backoffAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(properties.backoffAfter(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(properties.backoffAfter(6)).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.backoffAfter(60)).isEqualTo(Duration.ofMinutes(15));
    }
}
