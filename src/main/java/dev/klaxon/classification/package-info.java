/**
 * Incident classification: the organisation-wide priorities (what must be done), severities (how to
 * organise), roles and the priority × severity matrix, written down once as a versioned definition, plus
 * the error-budget fallback that gives SLO breaches without a priority of their own one.
 */
package dev.klaxon.classification;
