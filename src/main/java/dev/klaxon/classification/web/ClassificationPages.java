package dev.klaxon.classification.web;

import dev.klaxon.classification.Classification;
import dev.klaxon.classification.internal.ClassificationFormat;
import dev.klaxon.classification.web.ClassificationApiController.ClassificationDocument;
import dev.klaxon.common.ConflictException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NavigationLink;
import dev.klaxon.identity.Caller;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The classification admin page: the definition in force as tables, and an editor for the whole document
 * in YAML. A rejected edit comes back with every problem listed and the text as it was typed.
 */
@Controller
class ClassificationPages {

    private final Classification classification;
    private final ClassificationFormat format;

    ClassificationPages(Classification classification, ClassificationFormat format) {
        this.classification = classification;
        this.format = format;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationLink classificationLink() {
            return new NavigationLink("Classification", "/classification", 60);
        }
    }

    @GetMapping("/classification")
    String page(Model model) {
        var current = classification.current();
        return render(model, format.toYaml(ClassificationDocument.of(current)), List.of(), null);
    }

    @PostMapping("/classification")
    String save(@RequestParam String document, Caller me, Model model) {
        try {
            var parsed = format.fromYaml(document, ClassificationDocument.class);
            var saved = classification.replace(parsed.definition(), parsed.version(), me);
            model.addAttribute("saved", saved.version());
            return render(model, format.toYaml(ClassificationDocument.of(saved)), List.of(), null);
        } catch (InvalidInputException e) {
            return render(model, document, e.errors(), null);
        } catch (ConflictException e) {
            return render(model, document, List.of(), e.getMessage());
        }
    }

    private String render(Model model, String yaml, List<InvalidInputException.FieldError> errors, String conflict) {
        var current = classification.current();
        model.addAttribute("current", current);
        model.addAttribute("definition", current.definition());
        model.addAttribute("history", classification.history());
        model.addAttribute("yaml", yaml);
        model.addAttribute("errors", errors);
        model.addAttribute("conflict", conflict);
        return "classification/page";
    }
}
