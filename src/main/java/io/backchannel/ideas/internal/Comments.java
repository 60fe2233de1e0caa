package io.backchannel.ideas.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Comments with their replies, edits, flags, moderation and promotion to extensions of the idea. */
@Repository
class Comments {

    static final String NONE = "NONE";
    static final String FLAGGED = "FLAGGED";
    static final String KEPT = "KEPT";
    static final String HIDDEN = "HIDDEN";

    private final JdbcClient jdbc;

    Comments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID add(UUID ideaId, @Nullable UUID parentId, UUID authorId, String markdown, String html, boolean staff) {
        return jdbc.sql(
                        """
                        insert into ideas_comment (idea_id, parent_id, author_id, body_markdown, body_html, staff)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(ideaId, parentId, authorId, markdown, html, staff)
                .query(UUID.class)
                .single();
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql(
                        """
                        select k.id, k.idea_id, i.number, k.parent_id, k.author_id, k.body_markdown, k.created_at,
                               k.moderation
                        from ideas_comment k join ideas_idea i on i.id = k.idea_id where k.id = ?""")
                .param(id)
                .query((rs, row) -> new Stored(
                        rs.getObject("id", UUID.class),
                        rs.getObject("idea_id", UUID.class),
                        rs.getLong("number"),
                        rs.getObject("parent_id", UUID.class),
                        rs.getObject("author_id", UUID.class),
                        rs.getString("body_markdown"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("moderation")))
                .optional();
    }

    /** Changes the text if the comment is still younger than the window; false if the window has closed. */
    boolean edit(UUID id, String markdown, String html, Instant createdAfter) {
        return jdbc.sql(
                                """
                                update ideas_comment set body_markdown = ?, body_html = ?, edited_at = now()
                                where id = ? and created_at > ?""")
                        .params(markdown, html, id, Timestamp.from(createdAfter))
                        .update()
                > 0;
    }

    /** Records the account's flag and puts the comment into the queue; false if the account flagged it before. */
    boolean flag(UUID id, UUID accountId) {
        int added = jdbc.sql(
                        "insert into ideas_comment_flag (comment_id, account_id) values (?, ?) on conflict do nothing")
                .params(id, accountId)
                .update();
        if (added == 0) {
            return false;
        }
        // A comment staff already kept or hid stays decided; new flags do not bring it back into the queue.
        jdbc.sql("update ideas_comment set moderation = ? where id = ? and moderation = ?")
                .params(FLAGGED, id, NONE)
                .update();
        return true;
    }

    void moderate(UUID id, String moderation) {
        jdbc.sql("update ideas_comment set moderation = ? where id = ?")
                .params(moderation, id)
                .update();
    }

    /** Every comment of the idea, oldest first, with what the viewer did to it. */
    List<Row> ofIdea(UUID ideaId, @Nullable UUID viewer) {
        return jdbc.sql(
                        """
                        select k.id, k.parent_id, k.author_id, k.body_html, k.staff, k.created_at, k.edited_at,
                               k.moderation, e.comment_id is not null as extension,
                               exists (select 1 from ideas_comment_flag f
                                       where f.comment_id = k.id and f.account_id = ?) as flagged_by_viewer
                        from ideas_comment k left join ideas_extension e on e.comment_id = k.id
                        where k.idea_id = ? order by k.created_at, k.id""")
                .params(viewer, ideaId)
                .query((rs, row) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getObject("parent_id", UUID.class),
                        rs.getObject("author_id", UUID.class),
                        rs.getString("body_html"),
                        rs.getBoolean("staff"),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs, "edited_at"),
                        rs.getString("moderation"),
                        rs.getBoolean("extension"),
                        rs.getBoolean("flagged_by_viewer")))
                .list();
    }

    void extend(UUID commentId, UUID ideaId, UUID staffId) {
        jdbc.sql(
                        """
                        insert into ideas_extension (comment_id, idea_id, extended_by) values (?, ?, ?)
                        on conflict do nothing""")
                .params(commentId, ideaId, staffId)
                .update();
    }

    void withdrawExtension(UUID commentId) {
        jdbc.sql("delete from ideas_extension where comment_id = ?")
                .param(commentId)
                .update();
    }

    /** The idea's extensions, oldest first; hidden comments are left out. */
    List<ExtensionRow> extensions(UUID ideaId) {
        return jdbc.sql(
                        """
                        select k.id, k.author_id, k.body_html, e.extended_by, e.extended_at
                        from ideas_extension e join ideas_comment k on k.id = e.comment_id
                        where e.idea_id = ? and k.moderation <> 'HIDDEN' order by e.extended_at, k.id""")
                .param(ideaId)
                .query(ExtensionRow.class)
                .list();
    }

    /** Flagged comments waiting for staff, oldest first. */
    List<FlaggedRow> flagged(int limit) {
        return jdbc.sql(
                        """
                        select k.id, i.number, i.title, k.author_id, k.body_html, k.created_at,
                               (select count(*) from ideas_comment_flag f where f.comment_id = k.id) as flags
                        from ideas_comment k join ideas_idea i on i.id = k.idea_id
                        where k.moderation = 'FLAGGED' order by k.created_at, k.id limit ?""")
                .param(limit)
                .query(FlaggedRow.class)
                .list();
    }

    long flaggedCount() {
        return jdbc.sql("select count(*) from ideas_comment where moderation = 'FLAGGED'")
                .query(Long.class)
                .single();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    record Stored(
            UUID id,
            UUID ideaId,
            long ideaNumber,
            @Nullable UUID parentId,
            UUID authorId,
            String bodyMarkdown,
            Instant createdAt,
            String moderation) {}

    record Row(
            UUID id,
            @Nullable UUID parentId,
            UUID authorId,
            String bodyHtml,
            boolean staff,
            Instant createdAt,
            @Nullable Instant editedAt,
            String moderation,
            boolean extension,
            boolean flaggedByViewer) {}

    record ExtensionRow(UUID id, UUID authorId, String bodyHtml, UUID extendedBy, Instant extendedAt) {}

    record FlaggedRow(
            UUID id, long number, String title, UUID authorId, String bodyHtml, Instant createdAt, int flags) {}
}
