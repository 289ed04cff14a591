package dev.klaxon.timeline;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of timeline entry, namespaced by the module that declares and writes it: {@code notify.delivery_failed}.
 * The key is what is stored and what the API shows, and all that makes two kinds equal; the label is for people
 * ("Delivery failed"), given where the kind is declared or made from its name.
 */
public record EntryKind(String module, String name, String label) {

    private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_]*");

    public EntryKind {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        if (!PART.matcher(module).matches() || !PART.matcher(name).matches()) {
            throw new IllegalArgumentException("Entry kinds are lower_snake_case: " + module + "." + name);
        }
        if (label == null || label.isBlank()) {
            String words = name.replace('_', ' ');
            label = words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
        }
    }

    public static EntryKind of(String module, String name) {
        return new EntryKind(module, name, null);
    }

    public static EntryKind of(String module, String name, String label) {
        return new EntryKind(module, name, label);
    }

    /** The kind a stored key names, e.g. {@code incidents.note}. */
    public static EntryKind parse(String key) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("Not a namespaced entry kind: " + key);
        }
        return new EntryKind(key.substring(0, dot), key.substring(dot + 1), null);
    }

    public String key() {
        return module + "." + name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntryKind kind && kind.module.equals(module) && kind.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(module, name);
    }

    @Override
    public String toString() {
        return key();
    }
}
