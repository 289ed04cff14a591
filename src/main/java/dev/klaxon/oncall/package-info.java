/**
 * Who is on call: rotations of a team's role (participants, shift length, hand-off time in a named time
 * zone, follow-the-sun layers, weekday/time restrictions), overrides and swaps, calendar feeds, and the
 * hand-off announcements other modules turn into notifications. {@link dev.klaxon.oncall.OnCall} is the
 * query facade the escalation engine uses; {@link dev.klaxon.oncall.ShiftHandedOff} the event it hears.
 */
package dev.klaxon.oncall;
