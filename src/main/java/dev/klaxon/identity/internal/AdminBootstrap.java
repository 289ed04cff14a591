package dev.klaxon.identity.internal;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.Secrets;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.OrganisationRole;
import dev.klaxon.identity.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** First start with no users: create {@code admin}, so a fresh install can be signed into at once. */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;
    private final IdentityProperties properties;

    AdminBootstrap(Users users, IdentityProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        boolean generated =
                properties.adminPassword() == null || properties.adminPassword().isBlank();
        String password = generated ? Secrets.randomAlphanumeric(20) : properties.adminPassword();
        try {
            users.create("admin", "Administrator", null, password, OrganisationRole.ADMIN, Caller.system());
        } catch (ConflictException e) {
            return; // another instance sharing the database created it first
        }
        if (generated) {
            log.warn(
                    "\n\n  Created the first user 'admin' with the generated password: {}\n"
                            + "  It is shown only this once. Set KLAXON_ADMIN_PASSWORD to choose it yourself.\n",
                    password);
        } else {
            log.info("Created the first user 'admin' with the password from KLAXON_ADMIN_PASSWORD");
        }
    }
}
