package dev.klaxon.timeline;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of timeline entry, namespaced by the module that declares and writes it: {@code notify.delivery_failed}.
 * The key is what is stored and what the API shows, and all that makes two kinds equal; the label is for people
 * ("Delivery failed"), given where the kind is declared or made from its name. A value class rather than a record so
 * that the key is built once: entries are written on the intake's hot path.
 */
public final class EntryKind {

    private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_]*");

    private final String module;
    private final String name;
    private final String label;
    private final String key;

    private EntryKind(String module, String name, String label) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        if (!PART.matcher(module).matches() || !PART.matcher(name).matches()) {
            throw new IllegalArgumentException("Entry kinds are lower_snake_case: " + module + "." + name);
        }
        this.module = module;
        this.name = name;
        this.key = module + "." + name;
        if (label == null || label.isBlank()) {
            String words = name.replace('_', ' ');
            this.label = words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
        } else {
            this.label = label;
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

    public String module() {
        return module;
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntryKind kind && kind.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
