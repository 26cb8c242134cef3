package org.undersigned.signing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;
import org.undersigned.base.CsrfField;
import org.undersigned.base.InvalidInputException;
import org.undersigned.signing.SigningFlow;
import org.undersigned.signing.SigningRefused;
import org.undersigned.signing.SigningRefused.Reason;
import org.undersigned.signing.SigningSession;
import org.undersigned.signing.web.SigningForms.Errors;
import org.undersigned.signing.web.SigningForms.Typed;

/**
 * The signing pages. {@code GET /sign/{token}} only shows what the link is for; {@code POST
 * /sign/{token}/continue} binds this browser's session (with a new session id) to the invitation
 * and redirects to {@code /sign/review}, a URL without the token. Three steps follow: review the
 * text and the display line, enter the emailed code, done (with withdrawal).
 */
@Controller
class SigningController {

    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ur", "ps", "yi", "ckb");

    private final SigningFlow flow;

    SigningController(SigningFlow flow) {
        this.flow = flow;
    }

    @GetMapping("/sign/{token}")
    String landing(@PathVariable String token, HttpServletRequest request, CsrfToken csrf, Model model) {
        model.addAttribute("landing", flow.landing(token, client(request)));
        model.addAttribute("action", "/sign/" + token + "/continue");
        model.addAttribute("csrf", CsrfField.of(csrf));
        return "signing/landing";
    }

    @PostMapping("/sign/{token}/continue")
    Object begin(@PathVariable String token, HttpServletRequest request) {
        SigningSession session = flow.begin(token, client(request));
        HttpSession http = request.getSession(true);
        http.setAttribute(SigningSession.ATTRIBUTE, session);
        // A new session id once the session speaks for an invitation (session fixation).
        request.changeSessionId();
        return seeOther("/sign/review");
    }

    @GetMapping("/sign/review")
    Object review(HttpServletRequest request, CsrfToken csrf, Model model) {
        try {
            return reviewPage(request, csrf, model, Map.of(), null, null);
        } catch (SigningRefused e) {
            if (e.reason() == Reason.ALREADY_SIGNED) {
                return seeOther("/sign/done");
            }
            throw e;
        }
    }

    @PostMapping("/sign/review")
    Object requestCode(
            @RequestParam(defaultValue = "") String invitation,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String role,
            @RequestParam(required = false) @Nullable String organisation,
            @RequestParam(required = false) @Nullable String personal,
            @RequestParam(required = false) @Nullable String consent,
            HttpServletRequest request,
            HttpServletResponse response,
            CsrfToken csrf,
            Model model) {
        try {
            flow.requestCode(
                    session(request),
                    id(invitation),
                    name,
                    role,
                    organisation,
                    personal != null,
                    consent != null,
                    client(request));
            return seeOther("/sign/code");
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return reviewPage(
                    request, csrf, model, e.fieldErrors(), new Typed(name, role, organisation, personal != null), null);
        }
    }

    private String reviewPage(
            HttpServletRequest request,
            CsrfToken csrf,
            Model model,
            Map<String, String> errors,
            @Nullable Typed typed,
            @Nullable String notice) {
        var review = flow.review(session(request));
        var d = review.details();
        model.addAttribute("review", review);
        model.addAttribute("rtl", RIGHT_TO_LEFT.contains(review.letter().language()));
        model.addAttribute(
                "typed",
                typed != null
                        ? typed
                        : new Typed(d.displayName(), d.roleLine(), d.organisation(), d.personalCapacity()));
        model.addAttribute("errors", new Errors(errors));
        model.addAttribute("notice", notice == null ? "" : notice);
        model.addAttribute("csrf", CsrfField.of(csrf));
        return "signing/review";
    }

    @GetMapping("/sign/code")
    String code(
            @RequestParam(required = false) @Nullable String sent,
            HttpServletRequest request,
            CsrfToken csrf,
            Model model) {
        return codePage(
                request, csrf, model, sent != null ? "We sent a new code. Only the newest code works." : "", "");
    }

    @PostMapping("/sign/code")
    Object sign(
            @RequestParam(defaultValue = "") String invitation,
            @RequestParam(required = false) @Nullable String code,
            HttpServletRequest request,
            HttpServletResponse response,
            CsrfToken csrf,
            Model model) {
        var result = flow.sign(session(request), id(invitation), code, client(request));
        switch (result.outcome()) {
            case SIGNED -> {
                return seeOther("/sign/done");
            }
            case WRONG_CODE -> {
                response.setStatus(422);
                return codePage(
                        request,
                        csrf,
                        model,
                        "",
                        "That code is not right. "
                                + (result.triesLeft() == 1 ? "1 try left." : result.triesLeft() + " tries left."));
            }
            case CODE_USED_UP -> {
                response.setStatus(422);
                return codePage(
                        request,
                        csrf,
                        model,
                        "",
                        "This code no longer works (too many tries, or older than 10 minutes). Ask for a new code below.");
            }
            default -> {
                response.setStatus(409);
                return reviewPage(
                        request,
                        csrf,
                        model,
                        Map.of(),
                        null,
                        "The text changed while you were signing. Nothing was recorded. Please read it again before you sign.");
            }
        }
    }

    private String codePage(HttpServletRequest request, CsrfToken csrf, Model model, String notice, String error) {
        model.addAttribute("step", flow.codeStep(session(request)));
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        model.addAttribute("csrf", CsrfField.of(csrf));
        return "signing/code";
    }

    @PostMapping("/sign/code/resend")
    Object resend(@RequestParam(defaultValue = "") String invitation, HttpServletRequest request) {
        flow.resendCode(session(request), id(invitation), client(request));
        return seeOther("/sign/code?sent");
    }

    @GetMapping("/sign/done")
    String done(HttpServletRequest request, CsrfToken csrf, Model model) {
        model.addAttribute("done", flow.done(session(request)));
        model.addAttribute("csrf", CsrfField.of(csrf));
        return "signing/done";
    }

    @PostMapping("/sign/withdraw")
    Object withdraw(@RequestParam(defaultValue = "") String invitation, HttpServletRequest request) {
        flow.withdraw(session(request), id(invitation));
        return seeOther("/sign/done");
    }

    @GetMapping("/sign/decline")
    String declineForm(HttpServletRequest request, CsrfToken csrf, Model model) {
        var review = flow.review(session(request));
        model.addAttribute("invitation", review.invitationId().toString());
        model.addAttribute("title", review.letter().title());
        model.addAttribute("error", "");
        model.addAttribute("csrf", CsrfField.of(csrf));
        return "signing/decline";
    }

    @PostMapping("/sign/decline")
    String decline(
            @RequestParam(defaultValue = "") String invitation,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletRequest request,
            HttpServletResponse response,
            CsrfToken csrf,
            Model model) {
        try {
            flow.decline(session(request), id(invitation), reason);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("invitation", invitation);
            model.addAttribute("title", "");
            model.addAttribute("error", String.join(" ", e.fieldErrors().values()));
            model.addAttribute("csrf", CsrfField.of(csrf));
            return "signing/decline";
        }
        model.addAttribute("heading", "Thank you for letting us know");
        model.addAttribute(
                "message",
                "You will not sign this letter, and you will get no more reminders about it. Nothing else changes.");
        return "signing/message";
    }

    /** Every refusal is a calm page with its reason; nothing was recorded. */
    @ExceptionHandler(SigningRefused.class)
    String refused(SigningRefused e, HttpServletResponse response, Model model) {
        response.setStatus(e.reason().status());
        model.addAttribute("heading", e.reason().heading());
        model.addAttribute("message", e.explanation());
        return "signing/message";
    }

    /** A 303 redirect: after a POST, the browser GETs the next page (a reload never re-posts). */
    private static RedirectView seeOther(String path) {
        var view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }

    private static @Nullable SigningSession session(HttpServletRequest request) {
        HttpSession http = request.getSession(false);
        return http == null ? null : (SigningSession) http.getAttribute(SigningSession.ATTRIBUTE);
    }

    /** The invitation a form was rendered for; anything unreadable matches no session. */
    private static UUID id(String invitation) {
        try {
            return UUID.fromString(invitation);
        } catch (IllegalArgumentException e) {
            throw new SigningRefused(Reason.OTHER_INVITATION);
        }
    }

    private static String client(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
