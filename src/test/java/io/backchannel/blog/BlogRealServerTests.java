package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** The blog through a real server with its page cache on: the container's error pages and revalidation on the wire. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "backchannel.blog.page-cache-ttl=1h")
@Tag("integration")
class BlogRealServerTests {

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    IdentityManagement identity;

    @Autowired
    JdbcClient jdbc;

    @Test
    void draftsAndScheduledPostsAnswerTheTranslatedNotFoundPage() throws Exception {
        var posts = new BlogFixtures(jdbc, TestAccounts.id(jdbc, TestAccounts.create(identity, "real", Role.STAFF)));
        String m = BlogFixtures.marker();
        posts.post("en", "draft-" + m, "Draft " + m).state("DRAFT").save();
        posts.post("en", "later-" + m, "Later " + m)
                .state("SCHEDULED")
                .at(Instant.now().plusSeconds(3600))
                .save();
        for (String path : new String[] {"/blog/en/draft-" + m, "/blog/en/later-" + m, "/blog/de/none-" + m}) {
            var response = get(path, "Accept-Language", "de");
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body())
                    .as(path)
                    .contains("Seite nicht gefunden")
                    .doesNotContain("Draft", "Later");
            assertThat(response.headers().firstValue("ETag")).as(path).isEmpty();
        }
    }

    @Test
    void aRevalidatedPageIsA304WithoutBody() throws Exception {
        var posts = new BlogFixtures(jdbc, TestAccounts.id(jdbc, TestAccounts.create(identity, "real", Role.STAFF)));
        String m = BlogFixtures.marker();
        posts.post("de", "echt-" + m, "Echter Server " + m).save();
        var first = get("/blog/de/echt-" + m, "Accept-Language", "de");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("Echter Server " + m);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Content-Length"))
                .hasValue(String.valueOf(first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(first.headers().firstValue("Content-Security-Policy")).isPresent();

        var cached = get("/blog/de/echt-" + m, "Accept-Language", "de");
        assertThat(cached.body()).isEqualTo(first.body());
        assertThat(cached.headers().firstValue("Content-Type"))
                .isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(cached.headers().firstValue("Content-Security-Policy")).isPresent();

        var revalidated = send(HttpRequest.newBuilder(uri("/blog/de/echt-" + m))
                .header("Accept-Language", "de")
                .header("If-None-Match", etag));
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    private HttpResponse<String> get(String path, String header, String value) throws Exception {
        return send(
                HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").header(header, value));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
