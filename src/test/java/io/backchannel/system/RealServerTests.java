package io.backchannel.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Error pages, headers and sessions through a real server, where the servlet container takes part. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Tag("integration")
class RealServerTests {

    private final java.net.CookieManager cookies = new java.net.CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(cookies)
            .build();

    @LocalServerPort
    int port;

    @Autowired
    IdentityManagement identity;

    @Test
    void unknownPageShowsTranslatedNotFoundPageWithoutInternals() throws Exception {
        String email = TestAccounts.create(identity, "errors", Role.CUSTOMER);
        login(email);
        var response = send(HttpRequest.newBuilder(uri("/no/such/page"))
                .header("Accept", "text/html")
                .header("Accept-Language", "de"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .contains("Seite nicht gefunden")
                .doesNotContain("Exception", "at io.", "Whitelabel");
    }

    @Test
    void forbiddenPageIsTranslated() throws Exception {
        login(TestAccounts.create(identity, "errors", Role.CUSTOMER));
        var response = send(HttpRequest.newBuilder(uri("/admin/accounts")).header("Accept", "text/html"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Access denied");
    }

    @Test
    void oversizedBodyIsRefusedWith413PageOrProblem() throws Exception {
        String body = "x".repeat(3 * 1024 * 1024);
        var page = send(HttpRequest.newBuilder(uri("/register"))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(page.statusCode()).isEqualTo(413);
        assertThat(page.body()).contains("Request too large");

        var problem = send(HttpRequest.newBuilder(uri("/api/me"))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(problem.statusCode()).isEqualTo(413);
        assertThat(problem.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(problem.body()).contains("\"status\":413");
    }

    @Test
    void pagesCarrySecurityHeaders() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/")));
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline"));
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void publicPagesOpenNoSessionForAnonymousVisitors() throws Exception {
        for (String path : new String[] {"/", "/ideas"}) {
            var response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("Set-Cookie")).as(path).noneMatch(c -> c.startsWith("JSESSIONID"));
        }
    }

    @Test
    void languageSwitchKeepsSearchAndPage() throws Exception {
        login(TestAccounts.create(identity, "admin", Role.ADMIN, Role.STAFF));
        var page = send(HttpRequest.newBuilder(uri("/admin/accounts?q=Kim%20%26%20Co&page=2")));
        assertThat(page.body()).contains("href=\"/admin/accounts?q=Kim%20%26%20Co&amp;page=2&amp;lang=de\"");
    }

    @Test
    void loginIssuesANewSessionIdAgainstFixation() throws Exception {
        send(HttpRequest.newBuilder(uri("/login")));
        String before = sessionId();
        login(TestAccounts.create(identity, "fixation", Role.CUSTOMER));
        assertThat(sessionId()).isNotEqualTo(before);
    }

    private String sessionId() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("JSESSIONID"))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
    }

    private void login(String email) throws Exception {
        var form = send(HttpRequest.newBuilder(uri("/login")));
        var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(form.body());
        assertThat(token.find()).isTrue();
        var result = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email="
                        + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8) + "&password="
                        + java.net.URLEncoder.encode(TestAccounts.PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                        + "&_csrf=" + token.group(1))));
        assertThat(result.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
