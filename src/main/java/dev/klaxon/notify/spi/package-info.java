/**
 * How a message reaches a person over one kind of contact method: one {@link dev.klaxon.notify.spi.Channel}
 * bean per {@link dev.klaxon.notify.ContactType}.
 */
package dev.klaxon.notify.spi;
