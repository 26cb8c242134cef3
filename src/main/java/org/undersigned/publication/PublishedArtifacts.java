package org.undersigned.publication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.undersigned.base.Tokens;

/**
 * The stored bytes of published letters, held in memory once read: a publication never changes,
 * so a cached copy can never be stale. Each file carries its strong ETag and a gzip copy made
 * once, so serving it costs no rendering and no compression.
 */
@Component
public class PublishedArtifacts {

    /** A slug as the publisher makes it; compiled once (this check runs on every public request). */
    private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** One file of a publication, ready to serve. */
    public record File(byte[] bytes, byte[] gzipped, String etag, String contentType) {}

    /** A published letter's files. */
    public record Publication(
            String slug,
            String title,
            String language,
            Instant publishedAt,
            File page,
            File pdf,
            File text,
            File manifest) {}

    /** A line of the index of published letters. */
    public record Listed(String slug, String title, String language, Instant publishedAt) {}

    private final JdbcClient jdbc;
    private final Map<String, Publication> cache = new ConcurrentHashMap<>();

    PublishedArtifacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The publication with that slug, if it exists; anything not shaped like a slug is not looked up. */
    public Optional<Publication> find(String slug) {
        if (slug == null || slug.length() > 120 || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        Publication cached = cache.get(slug);
        if (cached != null) {
            return Optional.of(cached);
        }
        record Row(
                String slug,
                String title,
                String language,
                Instant publishedAt,
                byte[] pageHtml,
                byte[] pdf,
                byte[] plainText,
                byte[] manifestJson) {}
        Optional<Publication> loaded = jdbc.sql(
                        "SELECT slug, title, language, published_at, page_html, pdf, plain_text, manifest_json FROM publication WHERE slug = :slug")
                .param("slug", slug)
                .query(Row.class)
                .optional()
                .map(r -> new Publication(
                        r.slug(),
                        r.title(),
                        r.language(),
                        r.publishedAt(),
                        file(r.pageHtml(), "text/html;charset=UTF-8"),
                        file(r.pdf(), "application/pdf"),
                        file(r.plainText(), "text/plain;charset=UTF-8"),
                        file(r.manifestJson(), "application/json")));
        loaded.ifPresent(p -> cache.put(slug, p));
        return loaded;
    }

    /** Published letters, newest first. */
    public List<Listed> index() {
        return jdbc.sql(
                        "SELECT slug, title, language, published_at FROM publication ORDER BY published_at DESC LIMIT 1000")
                .query(Listed.class)
                .list();
    }

    static File file(byte[] bytes, String contentType) {
        String etag = "\"" + HexFormat.of().formatHex(Tokens.sha256(bytes)).substring(0, 32) + "\"";
        return new File(bytes, gzip(bytes), etag, contentType);
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
