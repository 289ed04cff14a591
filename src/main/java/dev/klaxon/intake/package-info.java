/**
 * Intake: where machine signals enter Klaxon. PagerDuty Events API v2 ({@code /v2/enqueue}, change events
 * on {@code /v2/change/enqueue}) and the Alertmanager webhook become alerts, deduplicated per service and
 * key, which open and feed incidents through {@link dev.klaxon.incidents.IncidentSignals}. Writes go through
 * a group-commit pipeline (see docs/intake.md). The public API is the read side: {@link Alerts}.
 */
package dev.klaxon.intake;
