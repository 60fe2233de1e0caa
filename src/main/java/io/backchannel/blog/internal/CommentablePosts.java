package io.backchannel.blog.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Published posts as the comments see them: where they live, their category's moderation, and whether they are open. */
@Repository
class CommentablePosts {

    static final String PRE_MODERATION = "PRE";

    // Posts take comments as soon as the public sees them.
    private static final String SELECT =
            """
            select p.id, p.language, p.slug, p.title, c.id as category_id, c.slug as category_slug,
                   c.moderation, p.comments_closed, p.comments_closed_note
            from blog_post p join blog_category c on c.id = p.category_id
            where """
                    + BlogReader.VISIBLE_AT.formatted("now()");

    private final JdbcClient jdbc;

    CommentablePosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Post> byId(UUID id) {
        return jdbc.sql(SELECT + " and p.id = ?").param(id).query(Post.class).optional();
    }

    Optional<Post> byPath(String language, String slug) {
        return jdbc.sql(SELECT + " and p.language = ? and p.slug = ?")
                .params(language, slug)
                .query(Post.class)
                .optional();
    }

    void close(UUID id, boolean closed, String note) {
        jdbc.sql("update blog_post set comments_closed = ?, comments_closed_note = ? where id = ?")
                .params(closed, closed ? note : "", id)
                .update();
    }

    record Post(
            UUID id,
            String language,
            String slug,
            String title,
            UUID categoryId,
            String categorySlug,
            String moderation,
            boolean commentsClosed,
            String commentsClosedNote) {

        boolean preModerated() {
            return PRE_MODERATION.equals(moderation);
        }
    }
}
