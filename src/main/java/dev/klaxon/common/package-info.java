/**
 * Small value types and exceptions shared by every module: actors, problem-raising exceptions and
 * time conversions for JDBC. Kept tiny on purpose; nothing here knows about a feature.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.klaxon.common;
