package dev.klaxon.common;

/**
 * A path that anyone may call without signing in, because the secret in the URL is the credential (an
 * acknowledge link in a page, a calendar feed a phone subscribes to). A module that serves such a path
 * declares a bean of this type; security permits it and skips CSRF for it, since no session is involved.
 *
 * @param pattern an Ant-style path pattern such as {@code /ack/**}
 */
public record PublicPath(String pattern) {

    public PublicPath {
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("A public path starts with '/': " + pattern);
        }
    }
}
