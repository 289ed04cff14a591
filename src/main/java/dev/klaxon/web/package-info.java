/**
 * The shell every page lives in (layout, navigation, home) and the translation of exceptions into RFC 9457
 * problem details for the API and error fragments for htmx. A sink: no module depends on it.
 */
package dev.klaxon.web;
