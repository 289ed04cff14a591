/**
 * The SLO engine: SLO definitions per service, event counts pushed into time buckets, error budgets and
 * burn rates, and alerting conditions whose breaches become signals into the intake (deduplicated per SLO
 * and condition) and so incidents with the SLO's priority. {@link dev.klaxon.slo.Slos} is the facade,
 * {@link dev.klaxon.slo.SloEvaluations} runs the evaluation. See docs/slo.md.
 */
package dev.klaxon.slo;
