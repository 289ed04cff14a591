package dev.klaxon.incidents;

import java.util.List;

/** A page of incidents, newest first; {@code nextCursor} is null on the last page. */
public record IncidentPage(List<IncidentView> items, String nextCursor) {}
