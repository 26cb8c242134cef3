package org.undersigned.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.undersigned.TestDatabase;

/** Published files are served from stored bytes with validators, compression and strict headers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
class PublicationServingTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    String slug;
    final String page = "<!DOCTYPE html><html lang=\"ka\"><body><h1>ღია წერილი</h1>" + "<p>სოლიდარობა</p>".repeat(200)
            + "</body></html>";

    @BeforeEach
    void publish() {
        slug = "open-letter-" + UUID.randomUUID().toString().substring(0, 8);
        UUID letterId = publishedLetter(jdbc);
        jdbc.sql("""
                        INSERT INTO publication (letter_id, slug, title, language, published_at, page_html, pdf, plain_text, manifest_json)
                        VALUES (:id, :slug, 'ღია წერილი', 'ka', :at, :page, :pdf, :txt, :manifest)""")
                .param("id", letterId)
                .param("slug", slug)
                .param("at", Timestamp.from(Instant.now()))
                .param("page", page.getBytes(StandardCharsets.UTF_8))
                .param("pdf", "%PDF-1.7 test".getBytes(StandardCharsets.US_ASCII))
                .param("txt", "ღია წერილი\n".getBytes(StandardCharsets.UTF_8))
                .param("manifest", "{\"manifest\":{}}".getBytes(StandardCharsets.UTF_8))
                .update();
    }

    /** A letter row for the publication to belong to (publication.letter_id references it). */
    static UUID publishedLetter(JdbcClient jdbc) {
        UUID org = UUID.randomUUID();
        String name = "Publisher " + org;
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'GE', now())")
                .params(org, name, name.toLowerCase())
                .update();
        UUID account = UUID.randomUUID();
        jdbc.sql("INSERT INTO account (id, email, display_name, created_at) VALUES (?, ?, 'Editor', now())")
                .params(account, "editor-" + account + "@example.org")
                .update();
        UUID letter = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO letter (id, title, language, publisher_organisation_id, state, created_by, created_at, updated_by, updated_at, published_at)
                        VALUES (?, 'ღია წერილი', 'ka', ?, 'PUBLISHED', ?, now(), ?, now(), now())""").params(letter, org, account, account).update();
        return letter;
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void thePageComesWithValidatorsAndTheStrictHeaders() throws Exception {
        var r = get("/letters/" + slug);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(page);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).contains("public");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        String etag = r.headers().firstValue("ETag").orElseThrow();

        var again = get("/letters/" + slug, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void compressesForClientsThatAsk() throws Exception {
        var r = get("/letters/" + slug, "Accept-Encoding", "gzip");
        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(r.body().length).isLessThan(page.getBytes(StandardCharsets.UTF_8).length / 5);
        try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(page);
        }
    }

    @Test
    void theOtherFilesHaveTheirTypes() throws Exception {
        assertThat(get("/letters/" + slug + ".pdf").headers().firstValue("Content-Type"))
                .contains("application/pdf");
        assertThat(new String(get("/letters/" + slug + ".txt").body(), StandardCharsets.UTF_8))
                .isEqualTo("ღია წერილი\n");
        assertThat(get("/letters/" + slug + "/manifest.json")
                        .headers()
                        .firstValue("Content-Type")
                        .orElseThrow())
                .startsWith("application/json");
        var index = new String(get("/letters").body(), StandardCharsets.UTF_8);
        assertThat(index).contains("/letters/" + slug).contains("ღია წერილი");
    }

    @Test
    void unknownAndMalformedSlugsAreNotFoundWithoutAHint() throws Exception {
        for (String path : new String[] {
            "/letters/no-such-letter",
            "/letters/no-such-letter.pdf",
            "/letters/..%2F..%2Fetc%2Fpasswd",
            "/letters/" + slug.toUpperCase(),
            "/letters/" + slug + "/../x",
            "/letters/%00",
            "/letters/" + "a".repeat(500)
        }) {
            var r = get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(body)
                    .as(path)
                    .doesNotContain("Exception")
                    .doesNotContain(slug)
                    .doesNotContain("vaadin");
        }
    }
}
