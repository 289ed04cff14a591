package dev.klaxon.classification;

/** A new version of the classification definition is in force. */
public record ClassificationChanged(int version) {}
