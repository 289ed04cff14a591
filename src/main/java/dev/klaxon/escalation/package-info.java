/**
 * Escalation: policies (ordered levels with a timeout and targets, repeated N times) and the engine that pages
 * level by level until someone acknowledges, re-notifies after an acknowledgement times out, and pages the
 * person on call for a role an incident requires. Timers are rows claimed in batches, so a step runs once
 * across instances and survives restarts. People are reached through the notify module.
 * {@link dev.klaxon.escalation.EscalationPolicies} manages policies, {@link dev.klaxon.escalation.Escalations}
 * runs and reads escalations. See docs/escalation.md.
 */
package dev.klaxon.escalation;
