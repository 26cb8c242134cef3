package org.undersigned.base.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atmosphere.cpr.AtmosphereConfig;
import org.atmosphere.cpr.AtmosphereFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.undersigned.Fixtures;
import org.undersigned.TestDatabase;
import org.undersigned.e2e.Browser;
import org.undersigned.e2e.BrowserTests;
import org.undersigned.letter.Block;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;

/**
 * The push connection's smaller buffers (decision 0063) are in effect, and push still carries
 * what it carried: a 20,000-character block typed in one browser reaches the other browser's
 * editor, and the browser's WebSocket runs without permessage-deflate.
 */
@BrowserTests
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
class PushMemoryTest {

    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    ServletContext servletContext;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    LetterService letters;

    @BeforeAll
    static void launch() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        browser = new Browser();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void atmosphereTakesTheSmallBuffersAndAFewWriterThreads() {
        AtmosphereConfig config = atmosphere().getAtmosphereConfig();
        assertThat(config.getInitParameter("org.atmosphere.websocket.bufferSize"))
                .isEqualTo("256");
        assertThat(config.getInitParameter("org.atmosphere.websocket.maxTextMessageSize"))
                .isEqualTo("4096");
        assertThat(config.getInitParameter("org.atmosphere.websocket.maxBinaryMessageSize"))
                .isEqualTo("1024");
        assertThat(config.getInitParameter("org.atmosphere.cpr.broadcaster.maxAsyncWriteThreads"))
                .isEqualTo(Integer.toString(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
        assertThat(config.getInitParameter("org.atmosphere.websocket.writeTimeout"))
                .isEqualTo("10000");
        // Vaadin 25 keeps Atmosphere's heartbeat; its cancelled timers are removed at once.
        assertThat(atmosphere().interceptors().stream()
                        .map(PushMemory::heartbeatScheduler)
                        .filter(java.util.Objects::nonNull)
                        .toList())
                .singleElement()
                .isInstanceOfSatisfying(
                        java.util.concurrent.ScheduledThreadPoolExecutor.class,
                        s -> assertThat(s.getRemoveOnCancelPolicy()).isTrue());
        // Vaadin's other Atmosphere settings stay as they were.
        assertThat(config.getInitParameter("org.atmosphere.cpr.broadcasterCacheClass"))
                .isEqualTo("org.atmosphere.cache.UUIDBroadcasterCache");
    }

    @Autowired
    org.springframework.boot.web.server.context.WebServerApplicationContext web;

    @Test
    void tomcatMakesNewWebSocketSessionsWithSmallMessageBuffers() {
        var tomcat = (org.springframework.boot.tomcat.TomcatWebServer) web.getWebServer();
        var connector = tomcat.getTomcat().getConnector();
        assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize")))
                .isEqualTo("4096");
        assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize")))
                .isEqualTo("4096");
        var container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
        assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(PushMemory.TEXT_BUFFER);
        assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(PushMemory.BINARY_BUFFER);
        assertThat(System.getProperty("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE"))
                .isEqualTo("2048");
        // Vaadin's client splits what it sends over a WebSocket into fragments of 4095 chars: they fit.
        assertThat(com.vaadin.flow.shared.communication.PushConstants.WEBSOCKET_FRAGMENT_SIZE)
                .isLessThanOrEqualTo(PushMemory.TEXT_BUFFER);
    }

    @Test
    void thePushSocketOpensWithoutCompression() {
        Letter letter = letterWithTwoEditors();
        try (var context = browser.newContext()) {
            Page page = Browser.signIn(context.newPage(), url(""), letter.alice);
            var cdp = context.newCDPSession(page);
            List<JsonObject> offers = new CopyOnWriteArrayList<>();
            List<JsonObject> handshakes = new CopyOnWriteArrayList<>();
            cdp.on("Network.webSocketWillSendHandshakeRequest", offers::add);
            cdp.on("Network.webSocketHandshakeResponseReceived", handshakes::add);
            cdp.send("Network.enable");
            page.navigate(url("/drafts/" + letter.id));
            assertThat(page.locator("[data-block='" + letter.paragraph + "'] .us-block-text"))
                    .isVisible();
            page.waitForCondition(() -> !handshakes.isEmpty());
            JsonObject response = handshakes.getFirst().getAsJsonObject("response");
            assertThat(response.get("status").getAsInt()).isEqualTo(101);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.getAsJsonObject("headers")
                    .entrySet()
                    .forEach(e -> headers.put(e.getKey(), e.getValue().getAsString()));
            assertThat(headers).containsKey("Upgrade").doesNotContainKey("Sec-WebSocket-Extensions");
            // The browser did offer it: the filter hid the offer from Tomcat.
            assertThat(offers).isNotEmpty();
            assertThat(offers.getFirst()
                            .getAsJsonObject("request")
                            .getAsJsonObject("headers")
                            .toString())
                    .containsIgnoringCase("permessage-deflate");
        }
    }

    @Test
    void aBlockOfTwentyThousandCharactersTypedInOneBrowserIsPushedToTheOther() {
        Letter letter = letterWithTwoEditors();
        // Georgian and Cyrillic: 3 and 2 bytes each in UTF-8, ~36 KB in all: many times every buffer.
        String text = ("ქართული ენა და Азербайджан — " + "Azərbaycan dili. ")
                .repeat(500)
                .substring(0, 19_990)
                .strip();
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(32 * 1024);
        try (var a = browser.newContext();
                var b = browser.newContext()) {
            Page pa = Browser.signIn(a.newPage(), url(""), letter.alice);
            Page pb = Browser.signIn(b.newPage(), url(""), letter.bob);
            pa.navigate(url("/drafts/" + letter.id));
            pb.navigate(url("/drafts/" + letter.id));
            Locator blockA = pa.locator("[data-block='" + letter.paragraph + "']");
            Locator blockB = pb.locator("[data-block='" + letter.paragraph + "']");
            assertThat(blockB.locator(".us-block-text")).isVisible();
            blockA.locator(".us-block-text").click();
            blockA.locator("textarea").fill(text);
            blockA.getByText("Done").click();
            assertThat(blockB.locator(".us-block-text"))
                    .hasText(text, new LocatorAssertions.HasTextOptions().setTimeout(60_000));
            assertThat(jdbc.sql("SELECT text FROM letter_block WHERE id = ?")
                            .params(letter.paragraph)
                            .query(String.class)
                            .single())
                    .isEqualTo(text);
        }
    }

    private AtmosphereFramework atmosphere() {
        return Collections.list(servletContext.getAttributeNames()).stream()
                .map(servletContext::getAttribute)
                .filter(AtmosphereFramework.class::isInstance)
                .map(AtmosphereFramework.class::cast)
                .findFirst()
                .orElseThrow();
    }

    record Letter(UUID id, UUID paragraph, String alice, String bob) {}

    private Letter letterWithTwoEditors() {
        UUID org = UUID.randomUUID();
        String orgName = Fixtures.unique("Push Memory Org");
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'GE', now())")
                .params(org, orgName, orgName.toLowerCase())
                .update();
        String alice = Fixtures.member(jdbc, encoder, org, "Alice Pusher");
        String bob = Fixtures.member(jdbc, encoder, org, "Bob Pusher");
        UUID aliceId = jdbc.sql("SELECT id FROM account WHERE email = ?")
                .params(alice)
                .query(UUID.class)
                .single();
        Fixtures.actAs(aliceId, alice, false, false);
        try {
            UUID letterId = letters.create(new NewLetter("Push letter", "en", org, null, null, null));
            Block paragraph = letters.blocks(letterId).stream()
                    .filter(x -> x.kind() == BlockKind.PARAGRAPH)
                    .findFirst()
                    .orElseThrow();
            return new Letter(letterId, paragraph.id(), alice, bob);
        } finally {
            Fixtures.actAsNobody();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
