package org.undersigned.base;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The page for a request refused before it reaches any page of ours: by Tomcat (a malformed
 * request line, an encoded NUL or slash, invalid UTF-8, a path outside the root) or by Spring
 * Security's firewall. A fixed text that never echoes the request, with the strict headers of the
 * public pages, so that a mangled signing link looks like every other refusal of the signing pages
 * (docs/decisions/0041-malformed-links.md).
 */
public final class PlainErrorPage {

    /** The Content-Security-Policy of the server-rendered public pages (no script at all). */
    public static final String PUBLIC_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <meta name="robots" content="noindex, nofollow">
            <title>%1$s — Undersigned</title>
            <link rel="stylesheet" href="/styles/public.css">
            </head>
            <body>
            <main class="page narrow">
              <p class="brand">Undersigned</p>
              <h1>%1$s</h1>
              <p class="lead">%2$s</p>
            </main>
            </body>
            </html>
            """;

    private static final byte[] SIGNING = PAGE.formatted(
                    "This link does not work",
                    "The link is incomplete or not one we sent. Please open the link from your invitation email"
                            + " again, exactly as it is. If it still does not work, copy the whole link from the"
                            + " email into the address bar.")
            .getBytes(StandardCharsets.UTF_8);

    private static final byte[] OTHER = PAGE.formatted(
                    "Sorry", "The request could not be understood. Please go back and try again.")
            .getBytes(StandardCharsets.UTF_8);

    private PlainErrorPage() {}

    /** The page's bytes: the signing wording for a path under /sign, the general one elsewhere. */
    public static byte[] body(@org.jspecify.annotations.Nullable String rawPath) {
        return rawPath != null && rawPath.startsWith("/sign") ? SIGNING : OTHER;
    }

    /** Sets the strict headers (the same as the public filter chain's) on a response not yet committed. */
    public static void strictHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", PUBLIC_CSP);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
    }

    /** Writes the whole refusal: status, strict headers, the fixed page. */
    public static void write(
            HttpServletResponse response, int status, @org.jspecify.annotations.Nullable String rawPath)
            throws IOException {
        byte[] body = body(rawPath);
        response.resetBuffer();
        response.setStatus(status);
        strictHeaders(response);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
