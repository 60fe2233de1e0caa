package io.backchannel.ideas.internal;

import io.backchannel.ideas.CommentText;
import io.backchannel.ideas.IdeaReference;
import io.backchannel.ideas.IdeaText;
import io.backchannel.ideas.StatusNote;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The words of ideas, comments and status explanations exactly as stored, for other modules to keep, and ideas as
 * other modules link to them.
 */
@Component
public class IdeaTexts {

    private final JdbcClient jdbc;
    private final IdeaLinks links;

    IdeaTexts(JdbcClient jdbc, IdeaLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    public Optional<IdeaReference> reference(UUID ideaId) {
        return jdbc.sql("select number, title from ideas_idea where id = ?")
                .param(ideaId)
                .query((rs, row) -> new IdeaReference(
                        rs.getLong("number"), rs.getString("title"), links.idea(rs.getLong("number"))))
                .optional();
    }

    public Optional<IdeaText> idea(long number) {
        return jdbc.sql("select id, number, title, body_markdown, author_id, language, created_at from ideas_idea"
                        + " where number = ?")
                .param(number)
                .query((rs, row) -> new IdeaText(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, UUID.class),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }

    public Optional<CommentText> comment(UUID id) {
        return jdbc.sql("select k.id, i.number, k.parent_id, k.author_id, k.body_markdown, k.staff, k.created_at"
                        + " from ideas_comment k join ideas_idea i on i.id = k.idea_id where k.id = ?")
                .param(id)
                .query((rs, row) -> new CommentText(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }

    public Optional<StatusNote> latestStatusChange(long number) {
        return jdbc.sql("select c.id, i.number, c.from_status, c.to_status, c.explanation, c.changed_by, c.changed_at"
                        + " from ideas_status_change c join ideas_idea i on i.id = c.idea_id where i.number = ?"
                        + " order by c.changed_at desc limit 1")
                .param(number)
                .query((rs, row) -> new StatusNote(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, UUID.class),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }
}
