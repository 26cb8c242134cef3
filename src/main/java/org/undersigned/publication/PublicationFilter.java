package org.undersigned.publication;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the files of published letters ({@code GET/HEAD /letters/{slug}}, {@code .pdf},
 * {@code .txt}, {@code /manifest.json}) straight from memory, ahead of every other filter: they
 * are public, immutable bytes, so neither a session nor security processing adds anything, and
 * skipping them is what lets the page keep up with a static file server
 * (docs/decisions/0008-serving-published-letters.md). It writes the same security headers as
 * the public filter chain. Anything else, unknown slugs included, goes on to the normal chain.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PublicationFilter extends OncePerRequestFilter {

    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Pattern PATH =
            Pattern.compile("^/letters/([a-z0-9-]{1,120})(\\.pdf|\\.txt|/manifest\\.json)?$");

    private final PublishedArtifacts artifacts;

    PublicationFilter(PublishedArtifacts artifacts) {
        this.artifacts = artifacts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String m = request.getMethod();
        return !(m.equals("GET") || m.equals("HEAD"))
                || !request.getRequestURI().startsWith("/letters/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = PATH.matcher(request.getRequestURI());
        var publication =
                m.matches() ? artifacts.find(m.group(1)) : java.util.Optional.<PublishedArtifacts.Publication>empty();
        if (publication.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        var p = publication.get();
        String suffix = m.group(2);
        PublishedArtifacts.File file = suffix == null
                ? p.page()
                : switch (suffix) {
                    case ".pdf" -> p.pdf();
                    case ".txt" -> p.text();
                    default -> p.manifest();
                };
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
        response.setHeader("Cache-Control", "public, max-age=300, must-revalidate");
        response.setHeader("ETag", file.etag());
        response.setHeader("Vary", "Accept-Encoding");
        if (suffix != null && suffix.equals(".pdf")) {
            response.setHeader("Content-Disposition", "inline; filename=\"" + p.slug() + ".pdf\"");
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(file.etag()) || ifNoneMatch.strip().equals("*"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String accept = request.getHeader("Accept-Encoding");
        boolean gzip = accept != null && accept.contains("gzip") && file.gzipped().length < file.bytes().length;
        byte[] body = gzip ? file.gzipped() : file.bytes();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(file.contentType());
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (request.getMethod().equals("GET")) {
            response.getOutputStream().write(body);
        }
    }
}
