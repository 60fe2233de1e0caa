package io.backchannel.blog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the blog said, for modules that keep it (the archive): read after the events {@link PostPublished},
 * {@link PostUpdated}, {@link CommentPosted} and {@link IncidentUpdated} name an item.
 */
@Service
@Transactional(readOnly = true)
public class BlogTexts {

    private final JdbcClient jdbc;

    BlogTexts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PostText> post(UUID postId) {
        return jdbc.sql(
                        """
                        select id, language, slug, title, summary, body_markdown, author_id, translation_of, revision,
                               state, publish_at
                        from blog_post where id = ?""")
                .param(postId)
                .query((rs, row) -> {
                    boolean published = "PUBLISHED".equals(rs.getString("state"));
                    return new PostText(
                            rs.getObject("id", UUID.class),
                            rs.getString("language"),
                            rs.getString("slug"),
                            rs.getString("title"),
                            rs.getString("summary"),
                            rs.getString("body_markdown"),
                            rs.getObject("author_id", UUID.class),
                            rs.getObject("translation_of", UUID.class),
                            rs.getInt("revision"),
                            published,
                            published ? instant(rs.getTimestamp("publish_at")) : null);
                })
                .optional();
    }

    public Optional<BlogCommentText> comment(UUID commentId) {
        return jdbc.sql(
                        """
                        select c.id, c.post_id, p.language, p.slug, c.parent_id, c.author_id,
                               coalesce(c.guest_name, '') as guest_name, c.body_markdown, c.staff, c.state,
                               c.created_at
                        from blog_comment c join blog_post p on p.id = c.post_id where c.id = ?""")
                .param(commentId)
                .query((rs, row) -> new BlogCommentText(
                        rs.getObject("id", UUID.class),
                        rs.getObject("post_id", UUID.class),
                        rs.getString("language"),
                        rs.getString("slug"),
                        rs.getObject("parent_id", UUID.class),
                        rs.getObject("author_id", UUID.class),
                        rs.getString("guest_name"),
                        rs.getString("body_markdown"),
                        rs.getBoolean("staff"),
                        "PUBLISHED".equals(rs.getString("state")),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /** The update in each language it was written in. */
    public List<IncidentUpdateText> incidentUpdate(UUID updateId) {
        return jdbc.sql(
                        """
                        select u.id, i.number, t.language, coalesce(it.title, '') as title, u.status,
                               t.body_markdown, u.posted_by, u.posted_at
                        from blog_incident_update u
                        join blog_incident i on i.id = u.incident_id
                        join blog_incident_update_text t on t.update_id = u.id
                        left join blog_incident_text it on it.incident_id = i.id and it.language = t.language
                        where u.id = ? order by t.language""")
                .param(updateId)
                .query(BlogTexts::incidentUpdate)
                .list();
    }

    private static IncidentUpdateText incidentUpdate(ResultSet rs, int row) throws SQLException {
        return new IncidentUpdateText(
                rs.getObject("id", UUID.class),
                rs.getLong("number"),
                rs.getString("language"),
                rs.getString("title"),
                rs.getString("status"),
                rs.getString("body_markdown"),
                rs.getObject("posted_by", UUID.class),
                rs.getTimestamp("posted_at").toInstant());
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
