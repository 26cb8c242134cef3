package org.undersigned.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.undersigned.Fixtures;
import org.undersigned.e2e.RunningApp;

/**
 * A published letter's files are the same bytes after the application stops and a new one starts
 * on the same database; letters not published (in review) and unknown slugs are 404 with no hint.
 */
class PublishedPagesRestartTest {

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theServedBytesSurviveARestartAndUnpublishedLettersStayHidden() throws Exception {
        Map<String, byte[]> before = new LinkedHashMap<>();
        List<String> paths;
        List<String> hidden;
        String database;
        String keys;
        String inReviewTitle = Fixtures.unique("Letter still in review");
        try (var app = new RunningApp(Map.of())) {
            var env = app.bean(Environment.class);
            database = env.getProperty("spring.datasource.url");
            keys = env.getProperty("undersigned.key-directory");

            var world = new PublicationWorld(app::bean, Fixtures.unique("Human Rights House"));
            world.letter("Solidarity with the defenders", "en", "We stand with the defenders of human rights.");
            world.invite("Leyla Məmmədova", "Sədr", world.organisationName, "az");
            world.openAndSignAll();
            world.lock();
            world.actAsEditor();
            var review = app.bean(PublicationReview.class);
            review.request(world.letterId);
            world.actAsAdministrator(world.administrator(), true);
            String slug = review.approve(world.letterId, null).orElseThrow();

            var pending = new PublicationWorld(app::bean, Fixtures.unique("Free Press Union"));
            pending.letter(inReviewTitle, "en", "Not yet.");
            pending.invite("Nino Beridze", "Chair", pending.organisationName, "en");
            pending.openAndSignAll();
            pending.lock();
            pending.actAsEditor();
            review.request(pending.letterId);
            Fixtures.actAsNobody();
            String pendingSlug = Slugs.base(inReviewTitle);

            paths = List.of(
                    "/letters/" + slug,
                    "/letters/" + slug + ".pdf",
                    "/letters/" + slug + ".txt",
                    "/letters/" + slug + "/manifest.json");
            hidden = List.of(
                    "/letters/" + pendingSlug,
                    "/letters/" + pendingSlug + ".pdf",
                    "/letters/" + pendingSlug + "/manifest.json",
                    "/letters/no-such-letter-at-all");
            for (String p : paths) {
                var r = get(app, p);
                assertThat(r.statusCode()).as(p).isEqualTo(200);
                before.put(p, r.body());
            }
            assertHidden(app, hidden, inReviewTitle);
        }
        try (var again = new RunningApp(Map.of("spring.datasource.url", database, "undersigned.key-directory", keys))) {
            for (String p : paths) {
                var r = get(again, p);
                assertThat(r.statusCode()).as(p).isEqualTo(200);
                assertThat(r.body()).as(p + " byte for byte").isEqualTo(before.get(p));
            }
            assertHidden(again, hidden, inReviewTitle);
        }
    }

    private void assertHidden(RunningApp app, List<String> hidden, String title) throws Exception {
        for (String p : hidden) {
            var r = get(app, p);
            assertThat(r.statusCode()).as(p).isEqualTo(404);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(body).as(p).doesNotContain(title).doesNotContainIgnoringCase("review");
        }
    }

    private HttpResponse<byte[]> get(RunningApp app, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
