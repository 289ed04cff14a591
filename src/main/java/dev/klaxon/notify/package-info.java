/**
 * Notify: how a person is reached. Contact methods (email, webhook, Slack-compatible webhook, SMS, voice) and
 * notification rules per user; {@link dev.klaxon.notify.Paging} turns a page request from the escalation engine
 * into deliveries in an outbox that {@link dev.klaxon.notify.Deliveries} sends at most once per page and
 * contact method, with retries; signed single-use acknowledge links answer a page without signing in. See
 * docs/notify.md.
 */
package dev.klaxon.notify;
