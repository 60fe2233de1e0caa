package io.backchannel.blog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Posts written straight into the tables, as the editor (built separately) stores them: the public side must show
 * whatever any writer left there.
 */
final class BlogFixtures {

    private final JdbcClient jdbc;
    private final UUID author;

    BlogFixtures(JdbcClient jdbc, UUID author) {
        this.jdbc = jdbc;
        this.author = author;
    }

    static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    Post post(String language, String slug, String title) {
        return new Post(language, slug, title);
    }

    final class Post {
        private final String language;
        private final String slug;
        private final String title;
        private String summary = "";
        private String body = "Some text.";
        private String category = "news";
        private String state = "PUBLISHED";
        private Instant publishAt = Instant.now().minusSeconds(3600);
        private @Nullable UUID translationOf;
        private String[] tags = {};

        Post(String language, String slug, String title) {
            this.language = language;
            this.slug = slug;
            this.title = title;
        }

        Post summary(String summary) {
            this.summary = summary;
            return this;
        }

        Post body(String body) {
            this.body = body;
            return this;
        }

        Post category(String category) {
            this.category = category;
            return this;
        }

        Post state(String state) {
            this.state = state;
            return this;
        }

        Post at(Instant publishAt) {
            this.publishAt = publishAt;
            return this;
        }

        Post translationOf(UUID original) {
            this.translationOf = original;
            return this;
        }

        Post tags(String... tags) {
            this.tags = tags;
            return this;
        }

        UUID save() {
            UUID id = jdbc.sql(
                            """
                            insert into blog_post (language, slug, title, summary, body_markdown, body_html, category_id,
                                                   author_id, translation_of, translated_from_revision, state,
                                                   publish_at)
                            values (:language, :slug, :title, :summary, :body, :html,
                                    (select id from blog_category where slug = :category), :author, :translationOf,
                                    case when :translationOf::uuid is null then null else 1 end, :state, :publishAt)
                            returning id
                            """)
                    .param("language", language)
                    .param("slug", slug)
                    .param("title", title)
                    .param("summary", summary)
                    .param("body", body)
                    .param("html", "<p>" + body.replace("&", "&amp;").replace("<", "&lt;") + "</p>")
                    .param("category", category)
                    .param("author", author)
                    .param("translationOf", translationOf)
                    .param("state", state)
                    .param("publishAt", publishAt.atOffset(ZoneOffset.UTC))
                    .query(UUID.class)
                    .single();
            for (String tag : tags) {
                jdbc.sql("insert into blog_post_tag (post_id, tag) values (?, ?)")
                        .params(id, tag)
                        .update();
            }
            return id;
        }
    }
}
