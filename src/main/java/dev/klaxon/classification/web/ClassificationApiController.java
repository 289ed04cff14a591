package dev.klaxon.classification.web;

import dev.klaxon.classification.Classification;
import dev.klaxon.classification.ClassificationDefinition;
import dev.klaxon.classification.ClassificationVersion;
import dev.klaxon.classification.ErrorBudgetFallback;
import dev.klaxon.classification.internal.ClassificationFormat;
import dev.klaxon.identity.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Configuration as code: the whole classification as one JSON or YAML document. A PUT is validated as a
 * whole and stored as a new version, or refused with every problem listed.
 */
@RestController
@RequestMapping("/api/v1/classification")
class ClassificationApiController {

    static final String YAML = "application/yaml";

    private final Classification classification;
    private final ClassificationFormat format;

    ClassificationApiController(Classification classification, ClassificationFormat format) {
        this.classification = classification;
        this.format = format;
    }

    /**
     * The document: the definition's fields plus {@code version}. Sending {@code version} back on PUT
     * refuses the change if someone else changed the definition since.
     */
    record ClassificationDocument(
            Integer version,
            Instant createdAt,
            String createdBy,
            List<ClassificationDefinition.Priority> priorities,
            List<ClassificationDefinition.Severity> severities,
            List<ClassificationDefinition.Role> roles,
            Map<String, List<String>> matrix,
            ErrorBudgetFallback errorBudgetFallback) {

        static ClassificationDocument of(ClassificationVersion v) {
            var d = v.definition();
            return new ClassificationDocument(
                    v.version(),
                    v.createdAt(),
                    v.createdBy(),
                    d.priorities(),
                    d.severities(),
                    d.roles(),
                    d.matrix(),
                    d.errorBudgetFallback());
        }

        ClassificationDefinition definition() {
            return new ClassificationDefinition(priorities, severities, roles, matrix, errorBudgetFallback);
        }
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> getJson() {
        return json(format.toJson(ClassificationDocument.of(classification.current())));
    }

    @GetMapping(produces = {YAML, "application/x-yaml", "text/yaml"})
    ResponseEntity<String> getYaml() {
        return yaml(format.toYaml(ClassificationDocument.of(classification.current())));
    }

    @GetMapping(path = "/versions", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> versions() {
        return classification.history().stream()
                .map(v -> Map.<String, Object>of(
                        "version", v.version(), "createdAt", v.createdAt(), "createdBy", v.createdBy()))
                .toList();
    }

    @GetMapping(path = "/versions/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> version(@PathVariable int version) {
        return json(format.toJson(ClassificationDocument.of(classification.version(version))));
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> putJson(@RequestBody String body, Caller me) {
        var document = format.fromJson(body, ClassificationDocument.class);
        var saved = classification.replace(document.definition(), document.version(), me);
        return json(format.toJson(ClassificationDocument.of(saved)));
    }

    @PutMapping(consumes = {YAML, "application/x-yaml", "text/yaml"})
    ResponseEntity<String> putYaml(
            @RequestBody String body, Caller me, @RequestHeader(value = "Accept", required = false) String accept) {
        var document = format.fromYaml(body, ClassificationDocument.class);
        var saved = ClassificationDocument.of(classification.replace(document.definition(), document.version(), me));
        return accept != null && accept.contains("yaml") ? yaml(format.toYaml(saved)) : json(format.toJson(saved));
    }

    private static ResponseEntity<String> json(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static ResponseEntity<String> yaml(String body) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(YAML)).body(body);
    }
}
