/**
 * The things that break: services owned by teams, and the integrations (routing keys) through which
 * monitoring tools send their alerts to a service.
 */
package dev.klaxon.services;
