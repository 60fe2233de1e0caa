package io.backchannel.blog;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.Objects;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** What the blog editor's tests share: MockMvc, staff sessions, and the editor form as a browser posts it. */
abstract class BlogEditorIntegrationTest {

    static final String BASE = "/workspace/blog";

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    JdbcClient jdbc;

    /** Eight random characters that keep this test's slugs and titles apart from other tests'. */
    static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    MockHttpSession logIn(String prefix, Role... roles) throws Exception {
        return TestAccounts.login(mvc, TestAccounts.create(identity, prefix, roles));
    }

    /** A new post in English with the given title, slug and text; callers add the action and what else they test. */
    static MockHttpServletRequestBuilder newPost(MockHttpSession session, String title, String slug, String body) {
        return newPost(session, title, slug, body, "en");
    }

    static MockHttpServletRequestBuilder newPost(
            MockHttpSession session, String title, String slug, String body, String language) {
        return post(BASE)
                .session(session)
                .with(csrf())
                .param("title", title)
                .param("slug", slug)
                .param("language", language)
                .param("category", "news")
                .param("tags", "")
                .param("summary", "")
                .param("body", body);
    }

    /** Creates a draft through the form and returns its number. */
    long draft(MockHttpSession session, String title, String slug, String body) throws Exception {
        String location = mvc.perform(newPost(session, title, slug, body).param("action", "save"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return number(Objects.requireNonNull(location, "no redirect: the draft was refused"));
    }

    /** The edit form of the post as it was saved: the post's own fields and its version. */
    MockHttpServletRequestBuilder edit(MockHttpSession session, long number, String title, String body) {
        var post = jdbc.sql("select slug, language, version, revision, summary from blog_post where number = ?")
                .param(number)
                .query((rs, row) -> new String[] {
                    rs.getString("slug"),
                    rs.getString("language"),
                    rs.getString("version"),
                    rs.getString("revision"),
                    rs.getString("summary")
                })
                .single();
        return post(BASE + "/" + number)
                .session(session)
                .with(csrf())
                .param("title", title)
                .param("slug", post[0])
                .param("language", post[1])
                .param("version", post[2])
                .param("revision", post[3])
                .param("summary", post[4])
                .param("category", "news")
                .param("tags", "")
                .param("body", body);
    }

    static long number(String location) {
        return Long.parseLong(location.replaceAll(".*/workspace/blog/(\\d+)/edit$", "$1"));
    }

    String state(long number) {
        return jdbc.sql("select state from blog_post where number = ?")
                .param(number)
                .query(String.class)
                .single();
    }

    UUID postId(long number) {
        return jdbc.sql("select id from blog_post where number = ?")
                .param(number)
                .query(UUID.class)
                .single();
    }
}
