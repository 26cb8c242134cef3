package org.undersigned.signing.web;

import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.undersigned.base.CsrfField;
import org.undersigned.base.InvalidInputException;
import org.undersigned.signing.SigningFlow;
import org.undersigned.signing.SigningRefused;
import org.undersigned.signing.SigningRefused.Reason;
import org.undersigned.signing.SigningSession;
import org.undersigned.signing.web.SigningForms.Errors;
import org.undersigned.signing.web.SigningForms.Typed;

/**
 * The signing pages, as one plain servlet at {@code /sign/*} behind the public security filter
 * chain (which writes the strict headers and checks the CSRF token of every POST). {@code GET
 * /sign/{token}} only shows what the link is for; {@code POST /sign/{token}/continue} binds this
 * browser's session (with a new session id) to the invitation and redirects to {@code
 * /sign/review}, a URL without the token. Three steps follow: review the text and the display
 * line, enter the emailed code, done (with withdrawal); declining is possible until signing.
 *
 * <p>Not a Spring MVC controller: handler lookup, argument resolution, the model and view
 * resolution were about a quarter of the CPU of a signing request, for nine fixed routes
 * (docs/decisions/0071-signing-pages-as-a-servlet.md).
 */
public final class SigningServlet extends HttpServlet {

    /** The routes, for the access matrix (they are not in Spring MVC's request mappings). */
    public static final List<String> ROUTES = List.of(
            "GET /sign/code",
            "GET /sign/decline",
            "GET /sign/done",
            "GET /sign/review",
            "GET /sign/{token}",
            "POST /sign/code",
            "POST /sign/code/resend",
            "POST /sign/decline",
            "POST /sign/review",
            "POST /sign/withdraw",
            "POST /sign/{token}/continue");

    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ur", "ps", "yi", "ckb");
    private static final String CONTINUE = "/continue";

    private final transient SigningFlow flow;
    private final transient TemplateEngine templates;

    SigningServlet(SigningFlow flow, TemplateEngine templates) {
        this.flow = flow;
        this.templates = templates;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        try {
            switch (path) {
                case "/review" -> review(request, response);
                case "/code" ->
                    codePage(
                            request,
                            response,
                            request.getParameter("sent") != null
                                    ? "We sent a new code. Only the newest code works."
                                    : "",
                            "");
                case "/done" -> done(request, response);
                case "/decline" -> declineForm(request, response);
                default -> withToken(path, "", response, token -> landing(token, request, response));
            }
        } catch (SigningRefused e) {
            refused(e, response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        try {
            switch (path) {
                case "/review" -> requestCode(request, response);
                case "/code" -> sign(request, response);
                case "/code/resend" -> {
                    flow.resendCode(session(request), id(request), client(request));
                    seeOther(request, response, "/sign/code?sent");
                }
                case "/withdraw" -> {
                    flow.withdraw(session(request), id(request));
                    seeOther(request, response, "/sign/done");
                }
                case "/decline" -> decline(request, response);
                default -> withToken(path, CONTINUE, response, token -> begin(token, request, response));
            }
        } catch (SigningRefused e) {
            refused(e, response);
        }
    }

    private void landing(String token, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var landing = flow.landing(token, client(request));
        render(
                response,
                "signing/landing",
                Map.of("landing", landing, "action", "/sign/" + token + CONTINUE, "csrf", csrf(request)));
    }

    private void begin(String token, HttpServletRequest request, HttpServletResponse response) throws IOException {
        SigningSession session = flow.begin(token, client(request));
        HttpSession http = request.getSession(true);
        http.setAttribute(SigningSession.ATTRIBUTE, session);
        // A new session id once the session speaks for an invitation (session fixation).
        request.changeSessionId();
        seeOther(request, response, "/sign/review");
    }

    private void review(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            reviewPage(request, response, Map.of(), null, null);
        } catch (SigningRefused e) {
            if (e.reason() == Reason.ALREADY_SIGNED) {
                seeOther(request, response, "/sign/done");
                return;
            }
            throw e;
        }
    }

    private void requestCode(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        String role = request.getParameter("role");
        String organisation = request.getParameter("organisation");
        boolean personal = request.getParameter("personal") != null;
        try {
            flow.requestCode(
                    session(request),
                    id(request),
                    name,
                    role,
                    organisation,
                    personal,
                    request.getParameter("consent") != null,
                    client(request));
            seeOther(request, response, "/sign/code");
        } catch (InvalidInputException e) {
            response.setStatus(422);
            reviewPage(request, response, e.fieldErrors(), new Typed(name, role, organisation, personal), null);
        }
    }

    private void reviewPage(
            HttpServletRequest request,
            HttpServletResponse response,
            Map<String, String> errors,
            @Nullable Typed typed,
            @Nullable String notice)
            throws IOException {
        var review = flow.review(session(request));
        var d = review.details();
        Map<String, Object> model = new HashMap<>();
        model.put("review", review);
        model.put("rtl", RIGHT_TO_LEFT.contains(review.letter().language()));
        model.put(
                "typed",
                typed != null
                        ? typed
                        : new Typed(d.displayName(), d.roleLine(), d.organisation(), d.personalCapacity()));
        model.put("errors", new Errors(errors));
        model.put("notice", notice == null ? "" : notice);
        model.put("csrf", csrf(request));
        render(response, "signing/review", model);
    }

    private void sign(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var result = flow.sign(session(request), id(request), request.getParameter("code"), client(request));
        switch (result.outcome()) {
            case SIGNED -> seeOther(request, response, "/sign/done");
            case WRONG_CODE -> {
                response.setStatus(422);
                codePage(
                        request,
                        response,
                        "",
                        "That code is not right. "
                                + (result.triesLeft() == 1 ? "1 try left." : result.triesLeft() + " tries left."));
            }
            case CODE_USED_UP -> {
                response.setStatus(422);
                codePage(
                        request,
                        response,
                        "",
                        "This code no longer works (too many tries, or older than 10 minutes). Ask for a new code below.");
            }
            default -> {
                response.setStatus(409);
                reviewPage(
                        request,
                        response,
                        Map.of(),
                        null,
                        "The text changed while you were signing. Nothing was recorded. Please read it again before you sign.");
            }
        }
    }

    private void codePage(HttpServletRequest request, HttpServletResponse response, String notice, String error)
            throws IOException {
        var step = flow.codeStep(session(request));
        render(response, "signing/code", Map.of("step", step, "notice", notice, "error", error, "csrf", csrf(request)));
    }

    private void done(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var done = flow.done(session(request));
        render(response, "signing/done", Map.of("done", done, "csrf", csrf(request)));
    }

    private void declineForm(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var review = flow.review(session(request));
        render(
                response,
                "signing/decline",
                Map.of(
                        "invitation",
                        review.invitationId().toString(),
                        "title",
                        review.letter().title(),
                        "error",
                        "",
                        "csrf",
                        csrf(request)));
    }

    private void decline(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String invitation = request.getParameter("invitation");
        try {
            flow.decline(session(request), id(request), request.getParameter("reason"));
        } catch (InvalidInputException e) {
            response.setStatus(422);
            render(
                    response,
                    "signing/decline",
                    Map.of(
                            "invitation",
                            invitation == null ? "" : invitation,
                            "title",
                            "",
                            "error",
                            String.join(" ", e.fieldErrors().values()),
                            "csrf",
                            csrf(request)));
            return;
        }
        render(
                response,
                "signing/message",
                Map.of(
                        "heading",
                        "Thank you for letting us know",
                        "message",
                        "You will not sign this letter, and you will get no more reminders about it. Nothing else changes."));
    }

    /** Every refusal is a calm page with its reason; nothing was recorded. */
    private void refused(SigningRefused e, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            throw e;
        }
        response.resetBuffer();
        response.setStatus(e.reason().status());
        render(response, "signing/message", Map.of("heading", e.reason().heading(), "message", e.explanation()));
    }

    private void render(HttpServletResponse response, String template, Map<String, Object> model) throws IOException {
        var output = new Utf8ByteOutput();
        templates.render(template + ".jte", model, output);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(output.getContentLength());
        output.writeTo(response.getOutputStream());
    }

    /** A 303 redirect: after a POST, the browser GETs the next page (a reload never re-posts). */
    private static void seeOther(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + path);
    }

    /** The path after {@code /sign}, or "" when there is none. */
    private static String path(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null ? "" : path;
    }

    private interface TokenPage {
        void serve(String token) throws IOException;
    }

    /**
     * Serves {@code /{token}} followed by {@code suffix}; any other shape of path is a 404 (the
     * token itself is checked by the flow, which refuses a malformed one calmly).
     */
    private static void withToken(String path, String suffix, HttpServletResponse response, TokenPage page)
            throws IOException {
        String token =
                path.length() < 2 || !path.endsWith(suffix) ? "" : path.substring(1, path.length() - suffix.length());
        if (token.isEmpty() || token.indexOf('/') >= 0) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        page.serve(token);
    }

    /** The CSRF field, read before rendering: a session it creates must be set before the body. */
    private static CsrfField csrf(HttpServletRequest request) {
        return CsrfField.of((CsrfToken) request.getAttribute(CsrfToken.class.getName()));
    }

    private static @Nullable SigningSession session(HttpServletRequest request) {
        HttpSession http = request.getSession(false);
        return http == null ? null : (SigningSession) http.getAttribute(SigningSession.ATTRIBUTE);
    }

    /** The invitation a form was rendered for; anything unreadable matches no session. */
    private static UUID id(HttpServletRequest request) {
        String invitation = request.getParameter("invitation");
        try {
            return UUID.fromString(invitation == null ? "" : invitation);
        } catch (IllegalArgumentException e) {
            throw new SigningRefused(Reason.OTHER_INVITATION);
        }
    }

    private static String client(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
