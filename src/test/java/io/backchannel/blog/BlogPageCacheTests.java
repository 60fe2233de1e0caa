package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.time.Instant;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The cache of rendered blog pages: validators and 304s for anonymous visitors, and a fresh page after every change by
 * any writer (here plain SQL, as the editor, the scheduler or moderation would leave it) and when a scheduled time
 * passes.
 */
@IntegrationTest
@TestPropertySource(properties = "backchannel.blog.page-cache-ttl=1h")
class BlogPageCacheTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityManagement identity;

    BlogFixtures posts;
    String m;
    String email;
    UUID post;

    @BeforeEach
    void post() {
        email = TestAccounts.create(identity, "cache", Role.STAFF);
        posts = new BlogFixtures(jdbc, TestAccounts.id(jdbc, email));
        m = BlogFixtures.marker();
        post = posts.post("en", "cached-" + m, "Original title " + m)
                .tags("cache-" + m)
                .save();
    }

    @Test
    void answersNotModifiedWhileNothingChanged() throws Exception {
        for (String path :
                new String[] {"/blog/en/cached-" + m, "/blog", "/blog/feed.atom", "/blog/feed.rss", "/sitemap.xml"}) {
            var first = response(get(path));
            assertThat(first.getStatus()).as(path).isEqualTo(200);
            String etag = first.getHeader("ETag");
            assertThat(etag).as(path).matches("\"[0-9a-f]{32}\"");
            assertThat(first.getHeader("Cache-Control")).as(path).isEqualTo("no-cache");
            assertThat(first.getHeader("Last-Modified")).as(path).isNotBlank();
            assertThat(first.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");

            var again = response(get(path).header("If-None-Match", etag));
            assertThat(again.getStatus()).as(path).isEqualTo(304);
            assertThat(again.getContentAsByteArray()).as(path).isEmpty();
            assertThat(again.getHeader("ETag")).as(path).isEqualTo(etag);

            assertThat(response(get(path).header("If-None-Match", "\"other\", " + etag))
                            .getStatus())
                    .isEqualTo(304);
            assertThat(response(get(path).header("If-None-Match", "\"other\"")).getStatus())
                    .isEqualTo(200);
            assertThat(response(get(path).header("If-Modified-Since", first.getHeader("Last-Modified")))
                            .getStatus())
                    .as(path)
                    .isEqualTo(304);
            assertThat(response(get(path).header("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"))
                            .getStatus())
                    .isEqualTo(200);
            assertThat(response(get(path).header("If-Modified-Since", "not a date"))
                            .getStatus())
                    .isEqualTo(200);
        }
        assertThat(response(get("/blog/en/nothing-" + m)).getHeader("ETag")).isNull();
    }

    @Test
    void anEditInTheDatabaseShowsAtOnce() throws Exception {
        var before = response(get("/blog/en/cached-" + m));
        assertThat(before.getContentAsString()).contains("Original title " + m);
        assertThat(list()).contains("Original title " + m);

        jdbc.sql("update blog_post set title = ? where id = ?")
                .params("Edited title " + m, post)
                .update();

        var after = response(get("/blog/en/cached-" + m).header("If-None-Match", before.getHeader("ETag")));
        assertThat(after.getStatus()).isEqualTo(200);
        assertThat(after.getContentAsString()).contains("Edited title " + m).doesNotContain("Original title");
        assertThat(after.getHeader("ETag")).isNotEqualTo(before.getHeader("ETag"));
        assertThat(list()).contains("Edited title " + m);
    }

    @Test
    void aNewCommentAndANewTagShowAtOnce() throws Exception {
        assertThat(page("/blog/en/cached-" + m)).contains("No comments");
        jdbc.sql("insert into blog_comment (post_id, guest_name, guest_email, body_markdown, body_html)"
                        + " values (?, 'Gast', 'gast@example.org', 'Hello', '<p>Hello</p>')")
                .param(post)
                .update();
        assertThat(page("/blog/en/cached-" + m)).contains("1 comment");

        assertThat(page("/blog?tag=late-" + m)).doesNotContain("Original title " + m);
        jdbc.sql("insert into blog_post_tag (post_id, tag) values (?, ?)")
                .params(post, "late-" + m)
                .update();
        assertThat(page("/blog?tag=late-" + m)).contains("Original title " + m);
    }

    @Test
    void incidentsMoveTheContentVersionBecauseEveryBlogPageShowsTheirBanner() {
        long before = contentVersion();
        UUID incident = jdbc.sql("insert into blog_incident (kind, status, opened_by, resolved_at)"
                        + " values ('OUTAGE', 'RESOLVED', ?, now()) returning id")
                .param(UUID.randomUUID())
                .query(UUID.class)
                .single();
        long opened = contentVersion();
        assertThat(opened).isGreaterThan(before);
        jdbc.sql("insert into blog_incident_text (incident_id, language, title, summary) values (?, 'en', 'T', 'S')")
                .param(incident)
                .update();
        assertThat(contentVersion()).isGreaterThan(opened);
    }

    private long contentVersion() {
        return jdbc.sql("select version from blog_content_version")
                .query(Long.class)
                .single();
    }

    @Test
    void aScheduledPostAppearsAtItsTimeWithoutAnyWrite() throws Exception {
        Instant due = Instant.now().plusSeconds(2);
        posts.post("en", "soon-" + m, "Scheduled post " + m)
                .state("SCHEDULED")
                .at(due)
                .tags("cache-" + m)
                .save();
        assertThat(page("/blog?tag=cache-" + m)).doesNotContain("Scheduled post " + m);
        assertThat(response(get("/blog/en/soon-" + m)).getStatus()).isEqualTo(404);
        assertThat(page("/blog/feed.atom")).doesNotContain("Scheduled post " + m);

        Thread.sleep(Math.max(0, due.toEpochMilli() - System.currentTimeMillis()) + 100);

        assertThat(page("/blog?tag=cache-" + m)).contains("Scheduled post " + m);
        assertThat(response(get("/blog/en/soon-" + m)).getStatus()).isEqualTo(200);
        assertThat(page("/blog/feed.atom")).contains("Scheduled post " + m);
    }

    @Test
    void pagesOfSignedInVisitorsAreNeverSharedWithAnonymousOnes() throws Exception {
        assertThat(page("/blog/en/cached-" + m)).doesNotContain("_csrf", "/logout");
        MockHttpSession session = TestAccounts.login(mvc, email);
        var signedIn = response(get("/blog/en/cached-" + m).session(session));
        assertThat(signedIn.getContentAsString()).contains("_csrf", "/logout");
        assertThat(signedIn.getHeader("ETag")).isNull();
        assertThat(signedIn.getHeader("Cache-Control")).contains("no-store");
        assertThat(page("/blog/en/cached-" + m)).doesNotContain("_csrf", "/logout");
        assertThat(page("/blog")).doesNotContain("_csrf", "/logout");
        assertThat(response(get("/blog").session(session)).getContentAsString()).contains("_csrf");
    }

    @Test
    void languagesAreKeptApart() throws Exception {
        assertThat(Jsoup.parse(page("/blog/en/cached-" + m)).select("html").attr("lang"))
                .isEqualTo("en");
        var german = response(get("/blog/en/cached-" + m).header("Accept-Language", "de"));
        assertThat(Jsoup.parse(german.getContentAsString()).select("html").attr("lang"))
                .isEqualTo("de");
        assertThat(german.getContentAsString()).contains("Keine Kommentare");
        assertThat(page("/blog/en/cached-" + m)).contains("No comments");
    }

    private String list() throws Exception {
        return page("/blog?tag=cache-" + m);
    }

    private String page(String path) throws Exception {
        var response = response(get(path));
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        response.setCharacterEncoding("UTF-8");
        return response;
    }
}
