/**
 * The incident timeline: one append-only, ordered stream of entries per incident that every module writes to
 * through {@link dev.klaxon.timeline.Timeline}. Each module declares the kinds of entry it writes (an
 * {@link dev.klaxon.timeline.EntryKinds} bean, kinds namespaced by the module: {@code notify.delivery_failed}).
 */
package dev.klaxon.timeline;
