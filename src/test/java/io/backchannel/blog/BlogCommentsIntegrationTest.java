package io.backchannel.blog;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import io.backchannel.system.Signatures;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What the blog comment tests share: published posts made with plain SQL (the editor is another part of the blog),
 * accounts, and comment forms posted as a browser would, with a form stamp from some seconds ago.
 */
abstract class BlogCommentsIntegrationTest {

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected IdentityManagement identity;

    @Autowired
    protected Signatures signatures;

    protected record Post(UUID id, String language, String slug, String title) {

        String comments() {
            return "/blog/" + language + "/" + slug + "/comments";
        }
    }

    /** A published post in the category with this slug (news and product are post-moderated, investor-relations pre). */
    protected Post publishedPost(String category, String language) {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String slug = "post-" + marker;
        String title = "Post " + marker;
        UUID id = jdbc.sql(
                        """
                        insert into blog_post (language, slug, title, body_markdown, body_html, category_id,
                            author_id, state, publish_at)
                        values (?, ?, ?, 'Body', '<p>Body</p>', (select id from blog_category where slug = ?), ?,
                            'PUBLISHED', now())
                        returning id""")
                .params(language, slug, title, category, UUID.randomUUID())
                .query(UUID.class)
                .single();
        return new Post(id, language, slug, title);
    }

    protected Post publishedPost(String category) {
        return publishedPost(category, "en");
    }

    protected MockHttpSession logIn(String prefix, Role... roles) throws Exception {
        return TestAccounts.login(mvc, TestAccounts.create(identity, prefix, roles));
    }

    /** A form stamp as the comments section renders it, from the given time ago. */
    protected String stamp(Duration ago) {
        String data = Long.toString(Instant.now().minus(ago).toEpochMilli());
        return data + "." + signatures.sign("blog-comment-form", data);
    }

    /** A comment as a person posts it after writing for a while; {@code session} null for a guest. */
    protected MockHttpServletRequestBuilder comment(Post post, @Nullable MockHttpSession session, String body) {
        var request = post(post.comments())
                .with(csrf())
                .param("body", body)
                .param("website", "")
                .param("stamp", stamp(Duration.ofSeconds(30)));
        return session == null ? request : request.session(session);
    }

    protected MockHttpServletRequestBuilder guestComment(Post post, String name, String email, String body) {
        return comment(post, null, body).param("name", name).param("email", email);
    }

    protected static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    protected @Nullable UUID commentId(Post post, String body) {
        return jdbc.sql("select id from blog_comment where post_id = ? and body_markdown = ?")
                .params(post.id(), body)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    protected String state(UUID commentId) {
        return jdbc.sql("select state from blog_comment where id = ?")
                .param(commentId)
                .query(String.class)
                .single();
    }
}
