package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatus;
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

/** Storm sessions, the ideas they collected, and their results. */
@Repository
public class Storms {

    private static final String STORM =
            """
            select s.*, c.name as category_name,
                   (select count(*) from ideas_storm_idea si where si.storm_id = s.id) as ideas
            from ideas_storm s left join ideas_category c on c.id = s.category_id
            """;

    private final JdbcClient jdbc;

    Storms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID insert(String slug, Draft draft, String descriptionHtml, UUID createdBy) {
        return jdbc.sql(
                        """
                        insert into ideas_storm (slug, title, description_markdown, description_html, category_id,
                                                 starts_at, ends_at, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        slug,
                        draft.title(),
                        draft.description(),
                        descriptionHtml,
                        draft.categoryId(),
                        Timestamp.from(draft.startsAt()),
                        Timestamp.from(draft.endsAt()),
                        createdBy)
                .query(UUID.class)
                .single();
    }

    void update(UUID id, Draft draft, String descriptionHtml) {
        jdbc.sql(
                        """
                        update ideas_storm set title = ?, description_markdown = ?, description_html = ?,
                               category_id = ?, starts_at = ?, ends_at = ? where id = ?""")
                .params(
                        draft.title(),
                        draft.description(),
                        descriptionHtml,
                        draft.categoryId(),
                        Timestamp.from(draft.startsAt()),
                        Timestamp.from(draft.endsAt()),
                        id)
                .update();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("select exists (select 1 from ideas_storm where slug = ?)")
                .param(slug)
                .query(Boolean.class)
                .single();
    }

    /** Every session, the latest start first; there are a handful a year, so no paging. */
    List<Storm> all() {
        return jdbc.sql(STORM + " order by s.starts_at desc, s.id")
                .query(Storms::storm)
                .list();
    }

    List<Storm> openAt(Instant now) {
        return jdbc.sql(STORM + " where s.starts_at <= ? and s.ends_at > ? order by s.ends_at, s.id")
                .params(Timestamp.from(now), Timestamp.from(now))
                .query(Storms::storm)
                .list();
    }

    Optional<Storm> bySlug(String slug) {
        return jdbc.sql(STORM + " where s.slug = ?")
                .param(slug)
                .query(Storms::storm)
                .optional();
    }

    Optional<Storm> byId(UUID id) {
        return jdbc.sql(STORM + " where s.id = ?")
                .param(id)
                .query(Storms::storm)
                .optional();
    }

    void join(UUID stormId, long ideaNumber) {
        jdbc.sql("insert into ideas_storm_idea (idea_id, storm_id) select id, ? from ideas_idea where number = ?")
                .params(stormId, ideaNumber)
                .update();
    }

    /** The session's ideas, the highest score first. */
    List<StormIdea> ideas(UUID stormId, int limit) {
        return jdbc.sql(
                        """
                        select i.number, i.title, i.status, i.promotes - i.demotes as score, i.author_id, i.created_at
                        from ideas_storm_idea si join ideas_idea i on i.id = si.idea_id where si.storm_id = ?
                        order by i.promotes - i.demotes desc, i.created_at, i.id limit ?""")
                .params(stormId, limit)
                .query((rs, row) -> new StormIdea(
                        rs.getLong("number"),
                        rs.getString("title"),
                        IdeaStatus.valueOf(rs.getString("status")),
                        rs.getInt("score"),
                        rs.getObject("author_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /**
     * What the session adds up to: its ideas, the people who voted on them and their votes. Votes count as they stand
     * now (the author's own promote included), since ideas keep taking votes after the session.
     */
    Totals totals(UUID stormId) {
        return jdbc.sql(
                        """
                        select (select count(*) from ideas_storm_idea where storm_id = :storm) as ideas,
                               count(distinct v.account_id) as voters, count(v.account_id) as votes
                        from ideas_storm_idea si join ideas_vote v on v.idea_id = si.idea_id
                        where si.storm_id = :storm""")
                .param("storm", stormId)
                .query((rs, row) -> new Totals(rs.getInt("ideas"), rs.getInt("voters"), rs.getInt("votes")))
                .single();
    }

    /** How many of the session's ideas stand at each status. */
    List<StatusCount> statuses(UUID stormId) {
        return jdbc.sql(
                        """
                        select i.status, count(*) as ideas from ideas_storm_idea si
                        join ideas_idea i on i.id = si.idea_id where si.storm_id = ?
                        group by i.status order by count(*) desc, i.status""")
                .param(stormId)
                .query((rs, row) -> new StatusCount(IdeaStatus.valueOf(rs.getString("status")), rs.getInt("ideas")))
                .list();
    }

    private static Storm storm(ResultSet rs, int row) throws SQLException {
        return new Storm(
                rs.getObject("id", UUID.class),
                rs.getString("slug"),
                rs.getString("title"),
                rs.getString("description_markdown"),
                rs.getString("description_html"),
                rs.getObject("category_id", UUID.class),
                rs.getString("category_name"),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                rs.getInt("ideas"));
    }

    /** What staff enter for a session. */
    public record Draft(
            String title, String description, @Nullable UUID categoryId, Instant startsAt, Instant endsAt) {}

    record StormIdea(long number, String title, IdeaStatus status, int score, UUID authorId, Instant createdAt) {}

    record Totals(int ideas, int voters, int votes) {}

    public record StatusCount(IdeaStatus status, int ideas) {}

    /** A session as pages show it; its phase depends on the clock. */
    public record Storm(
            UUID id,
            String slug,
            String title,
            String descriptionMarkdown,
            String descriptionHtml,
            @Nullable UUID categoryId,
            @Nullable String categoryName,
            Instant startsAt,
            Instant endsAt,
            int ideas) {

        public Phase phase() {
            Instant now = Instant.now();
            return now.isBefore(startsAt) ? Phase.UPCOMING : now.isBefore(endsAt) ? Phase.OPEN : Phase.ENDED;
        }

        public boolean open() {
            return phase() == Phase.OPEN;
        }
    }

    public enum Phase {
        UPCOMING,
        OPEN,
        ENDED
    }
}
