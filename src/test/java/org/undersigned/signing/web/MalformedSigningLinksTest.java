package org.undersigned.signing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.undersigned.WebIntegrationTest;

/**
 * Mangled signing links (a mail client or a scanner that broke the URL, or someone probing) are
 * refused before they reach the signing pages — by Tomcat or by Spring Security's firewall. They
 * still get a plain page with the strict headers of the signing pages. Sent over a raw socket, so
 * that no client library tidies the request line first.
 */
@WebIntegrationTest
class MalformedSigningLinksTest {

    @LocalServerPort
    int port;

    record Raw(int status, Map<String, String> headers, String body) {}

    Raw send(String target) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            String head = end < 0 ? all : all.substring(0, end);
            String body = end < 0 ? "" : all.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(c + 1).trim());
            }
            return new Raw(status, headers, body);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/sign/%00",
                "/sign/abc%00def",
                "/sign/%2e%2e%2f",
                "/sign/%2e%2e/%2e%2e/etc/passwd",
                "/sign/..%2f..%2fadmin",
                "/sign/%2F",
                "/sign/%5c",
                "/sign/a;jsessionid=1",
                "/sign//review",
                "/sign/%25",
                "/sign/%C0%AF",
                "/sign/%FF%FE",
                "/sign/%E2%82",
                "/sign/%zz",
                "/sign/%0d%0aSet-Cookie:%20x=1",
                "/sign/%09",
            })
    void aMangledLinkGetsAPlainPageWithTheStrictHeaders(String target) throws IOException {
        Raw r = send(target);
        assertThat(r.status()).isBetween(400, 404);
        assertStrict(r);
        assertThat(r.body()).contains("This link does not work");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/sign/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "/sign/short",
                "/sign/%F0%9F%98%80",
            })
    void anOverlongOrForeignTokenIsAnInvalidLink(String target) throws IOException {
        Raw r = send(target);
        assertThat(r.status()).isEqualTo(404);
        assertStrict(r);
    }

    @org.junit.jupiter.api.Test
    void aVeryLongLinkIsRefusedCalmly() throws IOException {
        Raw r = send("/sign/" + "A".repeat(20_000));
        assertThat(r.status()).isBetween(400, 431);
        assertStrict(r);
    }

    static void assertStrict(Raw r) {
        assertThat(r.headers().getOrDefault("content-security-policy", ""))
                .contains("default-src 'none'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("script-src");
        assertThat(r.headers()).containsEntry("referrer-policy", "no-referrer");
        assertThat(r.headers()).containsEntry("x-content-type-options", "nosniff");
        assertThat(r.headers().getOrDefault("cache-control", "")).contains("no-store");
        assertThat(r.headers().getOrDefault("content-type", "")).startsWith("text/html");
        assertThat(r.headers()).doesNotContainKey("set-cookie");
        assertThat(r.body())
                .doesNotContain("<script")
                .doesNotContain("Exception")
                .doesNotContain("Tomcat");
    }
}
