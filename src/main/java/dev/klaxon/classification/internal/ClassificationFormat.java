package dev.klaxon.classification.internal;

import dev.klaxon.classification.ClassificationDefinition;
import dev.klaxon.common.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The definition as a document (configuration as code): JSON or YAML, durations as ISO-8601 text, unknown
 * fields refused so that a typo in a hand-written file is reported instead of silently ignored.
 */
@Component
public class ClassificationFormat {

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // An omitted yes/no (hotfixRequired, ...) means no.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();
    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // An omitted yes/no (hotfixRequired, ...) means no.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    public String toJson(Object value) {
        return json.writeValueAsString(value);
    }

    public String toYaml(Object value) {
        return yaml.writeValueAsString(value);
    }

    public <T> T fromJson(String text, Class<T> type) {
        return read(json, text, type);
    }

    public <T> T fromYaml(String text, Class<T> type) {
        return read(yaml, text, type);
    }

    ClassificationDefinition definitionFromJson(String text) {
        return json.readValue(text, ClassificationDefinition.class);
    }

    private static <T> T read(ObjectMapper mapper, String text, Class<T> type) {
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("body", "is empty");
        }
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw InvalidInputException.of("body", "is empty");
            }
            return value;
        } catch (DatabindException e) {
            throw InvalidInputException.of(path(e), e.getOriginalMessage());
        } catch (JacksonException e) {
            throw InvalidInputException.of("body", "cannot be parsed: " + e.getOriginalMessage());
        }
    }

    private static String path(DatabindException e) {
        List<String> parts = new ArrayList<>();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                parts.add((parts.isEmpty() ? "" : ".") + ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                parts.add("[" + ref.getIndex() + "]");
            }
        }
        return parts.isEmpty() ? "body" : String.join("", parts);
    }
}
