package io.backchannel.ideas.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff's side of ideas: the acknowledgement queue, team assignment and internal notes. */
@Repository
class TriageRows {

    /** New ideas nobody on staff has looked at yet. */
    private static final String AWAITING = " from ideas_idea i join ideas_category c on c.id = i.category_id"
            + " where i.acknowledged_at is null and i.status = 'NEW'";

    private final JdbcClient jdbc;

    TriageRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The oldest ideas awaiting acknowledgement; those submitted before {@code dueBefore} are overdue. */
    List<Waiting> waiting(Filter filter, Instant dueBefore, int limit) {
        var parameters = new ArrayList<Object>(filter.parameters(dueBefore));
        parameters.add(limit);
        return jdbc.sql("select i.number, i.title, i.author_id, i.team_id, i.created_at, c.name as category_name"
                        + AWAITING + filter.where() + " order by i.created_at, i.id limit ?")
                .params(parameters)
                .query((rs, row) -> new Waiting(
                        rs.getLong("number"),
                        rs.getString("title"),
                        rs.getString("category_name"),
                        rs.getObject("author_id", UUID.class),
                        rs.getObject("team_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    Counts counts(Filter filter, Instant dueBefore) {
        var parameters = new ArrayList<Object>();
        parameters.add(Timestamp.from(dueBefore));
        parameters.addAll(filter.parameters(dueBefore));
        return jdbc.sql("select count(*) as waiting, count(*) filter (where i.created_at < ?) as overdue" + AWAITING
                        + filter.where())
                .params(parameters)
                .query((rs, row) -> new Counts(rs.getLong("waiting"), rs.getLong("overdue")))
                .single();
    }

    /** Records who acknowledged the idea; an idea acknowledged before keeps its first acknowledgement. */
    boolean acknowledge(long number, UUID staffId) {
        return jdbc.sql(
                                """
                                update ideas_idea set acknowledged_at = now(), acknowledged_by = ?
                                where number = ? and acknowledged_at is null""")
                        .params(staffId, number)
                        .update()
                > 0;
    }

    int assign(Collection<Long> numbers, @Nullable UUID teamId) {
        return jdbc.sql("update ideas_idea set team_id = :team where number in (:numbers)")
                .param("team", teamId)
                .param("numbers", numbers)
                .update();
    }

    Optional<Triaged> triaged(long number) {
        return jdbc.sql(
                        """
                        select id, created_at, acknowledged_at, acknowledged_by, team_id
                        from ideas_idea where number = ?""")
                .param(number)
                .query((rs, row) -> new Triaged(
                        rs.getObject("id", UUID.class),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("acknowledged_at")),
                        rs.getObject("acknowledged_by", UUID.class),
                        rs.getObject("team_id", UUID.class)))
                .optional();
    }

    void addNote(UUID ideaId, UUID authorId, String markdown, String html) {
        jdbc.sql("insert into ideas_note (idea_id, author_id, body_markdown, body_html) values (?, ?, ?, ?)")
                .params(ideaId, authorId, markdown, html)
                .update();
    }

    List<Note> notes(UUID ideaId) {
        return jdbc.sql(
                        """
                        select author_id, body_html, created_at from ideas_note
                        where idea_id = ? order by created_at, id""")
                .param(ideaId)
                .query((rs, row) -> new Note(
                        rs.getObject("author_id", UUID.class),
                        rs.getString("body_html"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The queue's filters; SQL from fixed fragments with bound parameters only. */
    record Filter(@Nullable String board, @Nullable UUID team, boolean overdueOnly) {

        String where() {
            return (board == null ? "" : " and c.slug = ?")
                    + (team == null ? "" : " and i.team_id = ?")
                    + (overdueOnly ? " and i.created_at < ?" : "");
        }

        List<Object> parameters(Instant dueBefore) {
            var parameters = new ArrayList<Object>();
            if (board != null) {
                parameters.add(board);
            }
            if (team != null) {
                parameters.add(team);
            }
            if (overdueOnly) {
                parameters.add(Timestamp.from(dueBefore));
            }
            return parameters;
        }
    }

    record Waiting(
            long number, String title, String categoryName, UUID authorId, @Nullable UUID teamId, Instant createdAt) {}

    record Counts(long waiting, long overdue) {}

    record Triaged(
            UUID id,
            Instant createdAt,
            @Nullable Instant acknowledgedAt,
            @Nullable UUID acknowledgedBy,
            @Nullable UUID teamId) {}

    record Note(UUID authorId, String bodyHtml, Instant createdAt) {}
}
