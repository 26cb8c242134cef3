package org.undersigned.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One signer's browser without JavaScript: cookies, no automatic redirects, forms posted by hand. */
final class SignerClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern INVITATION = Pattern.compile("name=\"invitation\" value=\"([^\"]+)\"");

    final String base;
    final CookieManager cookies = new CookieManager();
    final HttpClient http;
    String csrf = "";
    String invitation = "";

    SignerClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    HttpResponse<String> get(String path) {
        return remember(
                send(HttpRequest.newBuilder(URI.create(base + path)).GET().build()));
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return remember(send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build()));
    }

    /** Posts a form of the last page: its CSRF token and invitation id are added. */
    HttpResponse<String> submit(String path, Map<String, String> fields) {
        var form = new LinkedHashMap<String, String>();
        form.put("_csrf", csrf);
        if (!invitation.isEmpty()) {
            form.put("invitation", invitation);
        }
        form.putAll(fields);
        return post(path, form);
    }

    String sessionId() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID"))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElse("");
    }

    private HttpResponse<String> remember(HttpResponse<String> r) {
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        Matcher i = INVITATION.matcher(r.body());
        if (i.find()) {
            invitation = i.group(1);
        }
        return r;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
