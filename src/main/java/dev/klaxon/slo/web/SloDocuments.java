package dev.klaxon.slo.web;

import static dev.klaxon.slo.web.ImportReport.text;

import dev.klaxon.common.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Splits a YAML body into its documents ({@code ---}) and hands each to the format it is written in, told apart
 * by content: {@code apiVersion: openslo/v1} is OpenSLO, {@code version: prometheus/v1} or
 * {@code apiVersion: sloth.slok.dev/v1, kind: PrometheusServiceLevel} is Sloth. Paths in the report start with
 * {@code documents[i].} when the body has more than one document.
 */
final class SloDocuments {

    static final int MAX_DOCUMENTS = 100;
    static final int MAX_CHARACTERS = 1_000_000;
    static final int MAX_SLOS = 500;

    private SloDocuments() {}

    static void read(String yaml, ImportReport report) {
        if (yaml != null && yaml.length() > MAX_CHARACTERS) {
            throw InvalidInputException.of("body", "at most " + MAX_CHARACTERS + " characters per import");
        }
        List<JsonNode> documents = new ArrayList<>();
        try (tools.jackson.databind.MappingIterator<JsonNode> values =
                OpenSloFormat.YAML.readerFor(JsonNode.class).readValues(yaml == null ? "" : yaml)) {
            while (values.hasNextValue()) {
                JsonNode doc = values.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    documents.add(doc);
                }
                if (documents.size() > MAX_DOCUMENTS) {
                    throw InvalidInputException.of("body", "at most " + MAX_DOCUMENTS + " documents per import");
                }
            }
        } catch (JacksonException e) {
            throw InvalidInputException.of("body", "is not YAML: " + e.getOriginalMessage());
        }
        if (documents.isEmpty()) {
            throw InvalidInputException.of("body", "is empty: give an OpenSLO or Sloth document");
        }
        for (int i = 0; i < documents.size(); i++) {
            JsonNode doc = documents.get(i);
            String path = documents.size() == 1 ? "" : "documents[" + i + "]";
            if (!doc.isObject()) {
                throw InvalidInputException.of(path.isEmpty() ? "body" : path, "must be a YAML mapping");
            }
            if (SlothFormat.isPlain(doc) || SlothFormat.isKubernetes(doc)) {
                SlothFormat.read(doc, path, report);
            } else if (OpenSloFormat.isOpenSlo(doc)) {
                OpenSloFormat.read(doc, path, report);
            } else {
                String where = path.isEmpty() ? "apiVersion" : path + ".apiVersion";
                throw InvalidInputException.of(
                        where,
                        "not an OpenSLO (apiVersion: openslo/v1) or Sloth (version: prometheus/v1, or apiVersion: "
                                + "sloth.slok.dev/v1 with kind: PrometheusServiceLevel) document"
                                + (text(doc.path("apiVersion")) == null
                                        ? ""
                                        : "; got apiVersion " + text(doc.path("apiVersion"))));
            }
            if (report.slos.size() > MAX_SLOS) {
                throw InvalidInputException.of("body", "at most " + MAX_SLOS + " SLOs per import");
            }
        }
    }
}
