package dev.klaxon.common;

/**
 * A link in the main navigation. A module that adds a page declares a bean of this type; the layout
 * lists them by {@code order}.
 */
public record NavigationLink(String label, String path, int order) {}
