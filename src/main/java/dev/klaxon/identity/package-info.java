/**
 * People and access: users, teams, API tokens, the signed-in principal and the security rules that
 * decide who may call what.
 */
package dev.klaxon.identity;
