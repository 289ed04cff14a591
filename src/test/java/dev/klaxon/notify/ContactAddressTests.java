package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Address validation per contact type. */
class ContactAddressTests {

    @Test
    void emailAddressesNeedAnAtAndADomain() {
        assertThat(ContactMethods.addressProblem(ContactType.EMAIL, "ana@example.com"))
                .isNull();
        assertThat(ContactMethods.addressProblem(ContactType.EMAIL, "ana@localhost"))
                .isNotNull();
        assertThat(ContactMethods.addressProblem(ContactType.EMAIL, "ana example@x.io"))
                .isNotNull();
        assertThat(ContactMethods.addressProblem(ContactType.EMAIL, "@example.com"))
                .isNotNull();
    }

    @Test
    void webhooksNeedAnAbsoluteHttpUrl() {
        assertThat(ContactMethods.addressProblem(ContactType.WEBHOOK, "https://hooks.example.com/a?b=c"))
                .isNull();
        assertThat(ContactMethods.addressProblem(ContactType.SLACK, "http://127.0.0.1:8080/x"))
                .isNull();
        assertThat(ContactMethods.addressProblem(ContactType.WEBHOOK, "ftp://example.com/x"))
                .isNotNull();
        assertThat(ContactMethods.addressProblem(ContactType.SLACK, "hooks.example.com/x"))
                .isNotNull();
        assertThat(ContactMethods.addressProblem(ContactType.WEBHOOK, "https:///nohost"))
                .isNotNull();
        assertThat(ContactMethods.addressProblem(ContactType.WEBHOOK, "https://exa mple.com"))
                .isNotNull();
    }

    @Test
    void phoneNumbersAreE164WithEightToFifteenDigits() {
        assertThat(ContactMethods.addressProblem(ContactType.SMS, "+12345678")).isNull();
        assertThat(ContactMethods.addressProblem(ContactType.VOICE, "+123456789012345"))
                .isNull();
        assertThat(ContactMethods.addressProblem(ContactType.SMS, "+1234567")).isNotNull();
        assertThat(ContactMethods.addressProblem(ContactType.SMS, "+1234567890123456"))
                .isNotNull();
        assertThat(ContactMethods.addressProblem(ContactType.SMS, "004915112345678"))
                .isNotNull();
        assertThat(ContactMethods.addressProblem(ContactType.VOICE, "+0123456789"))
                .isNotNull();
        assertThat(ContactMethods.addressProblem(ContactType.SMS, "+49 151 1234"))
                .isNotNull();
    }
}
