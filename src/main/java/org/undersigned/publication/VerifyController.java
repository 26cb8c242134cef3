package org.undersigned.publication;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.undersigned.base.CsrfField;

/** The public page that checks a manifest against the platform's key. No JavaScript. */
@Controller
class VerifyController {

    private final SignedManifests manifests;

    VerifyController(SignedManifests manifests) {
        this.manifests = manifests;
    }

    @GetMapping("/verify")
    String form(CsrfToken csrf, Model model) {
        model.addAttribute("csrf", CsrfField.of(csrf));
        model.addAttribute("pasted", "");
        model.addAttribute("result", null);
        return "publication/verify";
    }

    @PostMapping("/verify")
    String check(
            @RequestParam(name = "manifest", required = false) @Nullable String pasted, CsrfToken csrf, Model model) {
        model.addAttribute("csrf", CsrfField.of(csrf));
        String kept = pasted == null ? "" : pasted.length() > 200_000 ? "" : pasted;
        model.addAttribute("pasted", kept);
        model.addAttribute("result", manifests.verify(pasted));
        return "publication/verify";
    }
}
