package dev.klaxon.web;

import java.util.List;
import tools.jackson.databind.DatabindException;

/** Renders Jackson's reference path as a field name a client recognises: {@code levels[0].timeout}. */
final class JsonPaths {

    private JsonPaths() {}

    static String of(List<DatabindException.Reference> path) {
        var out = new StringBuilder();
        for (var ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }
}
