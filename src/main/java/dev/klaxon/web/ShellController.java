package dev.klaxon.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class ShellController {

    @GetMapping("/")
    String home() {
        return "redirect:/incidents";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
