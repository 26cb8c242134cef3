package org.undersigned.publication;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public index of published letters. */
@Controller
class LetterIndexController {

    private final PublishedArtifacts artifacts;

    LetterIndexController(PublishedArtifacts artifacts) {
        this.artifacts = artifacts;
    }

    @GetMapping("/letters")
    String index(Model model) {
        model.addAttribute("letters", artifacts.index());
        return "publication/index";
    }
}
