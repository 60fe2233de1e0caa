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

/** Ideas, their votes, status history and comments. */
@Repository
class Ideas {

    static final String PENDING = "PENDING";
    static final String PUBLISHED = "PUBLISHED";
    static final String DECLINED = "DECLINED";

    private static final String COLUMNS =
            """
            select i.id, i.number, i.title, i.status, i.status_label_id, i.promotes, i.demotes, i.created_at,
                   i.implemented_at, i.author_id, c.slug as category_slug, c.name as category_name""";

    private static final String FROM = " from ideas_idea i join ideas_category c on c.id = i.category_id ";

    private static final String COMMENTS =
            "(select count(*) from ideas_comment k where k.idea_id = i.id and k.moderation <> 'HIDDEN') as comments";

    private static final String SUMMARY = COLUMNS + ", " + COMMENTS + FROM;

    private final JdbcClient jdbc;

    Ideas(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Submitted insert(
            String title, String markdown, String html, UUID categoryId, UUID authorId, double hot, String moderation) {
        return jdbc.sql(
                        """
                        insert into ideas_idea (title, body_markdown, body_html, category_id, author_id, promotes, hot,
                                                moderation)
                        values (?, ?, ?, ?, ?, 1, ?, ?) returning id, number""")
                .params(title, markdown, html, categoryId, authorId, hot, moderation)
                .query(Submitted.class)
                .single();
    }

    List<IdeaSummary> search(IdeaQuery query, int limit, long offset) {
        // Comments are counted for the page's rows only: counted in the paged query, they would be counted for
        // every skipped row as well (page 50 counted them for 1,250 ideas).
        String orderBy = " order by " + query.sort().orderBy;
        return jdbc.sql("select i.*, " + COMMENTS + " from (" + COLUMNS + ", i.hot" + FROM + query.where() + orderBy
                        + " limit ? offset ?) i" + orderBy)
                .params(query.parameters())
                .param(limit)
                .param(offset)
                .query(Ideas::summary)
                .list();
    }

    /**
     * The same page, found by walking the ideas in list order and testing each against the search: the planner cannot
     * tell common from rare phrases and would otherwise read all matches through the GIN index (only bitmap scans can
     * use it) and sort them. Must run in a transaction; the setting is restored for the rest of it.
     */
    List<IdeaSummary> searchInListOrder(IdeaQuery query, int limit, long offset) {
        jdbc.sql("set local enable_bitmapscan = off").update();
        try {
            return search(query, limit, offset);
        } finally {
            jdbc.sql("set local enable_bitmapscan = on").update();
        }
    }

    long count(IdeaQuery query) {
        return jdbc.sql("select count(*) from ideas_idea i join ideas_category c on c.id = i.category_id"
                        + query.where())
                .params(query.parameters())
                .query(Long.class)
                .single();
    }

    /** Ideas whose words resemble the text, best first, for duplicate prevention while a title is typed. */
    List<IdeaSummary> similar(String text, int limit) {
        String anyWord = java.util.Arrays.stream(text.split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() > 1)
                .limit(12)
                .collect(java.util.stream.Collectors.joining(" or "));
        if (anyWord.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SUMMARY + " where i.moderation = 'PUBLISHED' and i.search @@ " + IdeaQuery.SEARCH
                        + " order by ts_rank(i.search, "
                        + IdeaQuery.SEARCH + ") desc, i.id limit ?")
                .params(anyWord, anyWord, anyWord, anyWord, limit)
                .query(Ideas::summary)
                .list();
    }

    Optional<IdeaDetail> byNumber(long number) {
        return jdbc.sql(
                        """
                        select i.*, c.slug as category_slug, c.name as category_name, c.up_votes_only
                        from ideas_idea i join ideas_category c on c.id = i.category_id where i.number = ?""")
                .param(number)
                .query((rs, row) -> new IdeaDetail(
                        rs.getObject("id", UUID.class),
                        rs.getLong("number"),
                        rs.getString("title"),
                        rs.getString("body_html"),
                        IdeaStatus.valueOf(rs.getString("status")),
                        rs.getObject("status_label_id", UUID.class),
                        rs.getInt("promotes"),
                        rs.getInt("demotes"),
                        rs.getString("category_slug"),
                        rs.getString("category_name"),
                        rs.getBoolean("up_votes_only"),
                        rs.getObject("author_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("implemented_at")),
                        rs.getString("moderation"),
                        rs.getString("decline_reason")))
                .optional();
    }

    /** Locks the idea for a vote or status change, so that concurrent changes to it happen one after another. */
    Optional<Locked> lock(long number) {
        return jdbc.sql(
                        """
                        select i.id, i.status, i.status_label_id, i.author_id, i.category_id, c.up_votes_only,
                               c.vote_budget
                        from ideas_idea i join ideas_category c on c.id = i.category_id
                        where i.number = ? and i.moderation = 'PUBLISHED' for update of i""")
                .param(number)
                .query((rs, row) -> new Locked(
                        rs.getObject("id", UUID.class),
                        number,
                        IdeaStatus.valueOf(rs.getString("status")),
                        rs.getObject("status_label_id", UUID.class),
                        rs.getBoolean("up_votes_only"),
                        rs.getObject("author_id", UUID.class),
                        rs.getObject("category_id", UUID.class),
                        rs.getObject("vote_budget", Integer.class)))
                .optional();
    }

    Optional<CastVote> vote(UUID ideaId, UUID accountId) {
        return jdbc.sql("select value, cast_at from ideas_vote where idea_id = ? and account_id = ?")
                .params(ideaId, accountId)
                .query((rs, row) -> new CastVote(
                        rs.getInt("value"), rs.getTimestamp("cast_at").toInstant()))
                .optional();
    }

    void putVote(UUID ideaId, UUID accountId, int value, Instant castAt, VoteOrigin origin) {
        jdbc.sql(
                        """
                        insert into ideas_vote (idea_id, account_id, value, cast_at, network_hash, device_hash)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (idea_id, account_id) do update set value = excluded.value,
                        cast_at = excluded.cast_at, network_hash = excluded.network_hash,
                        device_hash = excluded.device_hash""")
                .params(ideaId, accountId, value, Timestamp.from(castAt), origin.networkHash(), origin.deviceHash())
                .update();
    }

    void deleteVote(UUID ideaId, UUID accountId) {
        jdbc.sql("delete from ideas_vote where idea_id = ? and account_id = ?")
                .params(ideaId, accountId)
                .update();
    }

    void adjustScore(UUID ideaId, int promotes, int demotes, double hot) {
        jdbc.sql("update ideas_idea set promotes = promotes + ?, demotes = demotes + ?, hot = hot + ? where id = ?")
                .params(promotes, demotes, hot, ideaId)
                .update();
    }

    /** A staff answer, which also acknowledges the idea if nobody had yet. */
    void changeStatus(
            UUID ideaId, IdeaStatus from, IdeaStatus to, @Nullable UUID label, String explanation, UUID changedBy) {
        jdbc.sql(
                        """
                        update ideas_idea set status = ?, status_label_id = ?, status_changed_at = now(),
                        implemented_at = case when ? then coalesce(implemented_at, now()) else null end,
                        acknowledged_by = case when acknowledged_at is null then ? else acknowledged_by end,
                        acknowledged_at = coalesce(acknowledged_at, now()) where id = ?""")
                .params(to.name(), label, to.implemented(), changedBy, ideaId)
                .update();
        jdbc.sql(
                        """
                        insert into ideas_status_change (idea_id, from_status, to_status, to_label_id, explanation,
                        changed_by) values (?, ?, ?, ?, ?, ?)""")
                .params(ideaId, from.name(), to.name(), label, explanation, changedBy)
                .update();
    }

    List<StatusChange> history(UUID ideaId) {
        return jdbc.sql(
                        """
                        select from_status, to_status, to_label_id, explanation, stale_months, changed_by,
                               changed_at
                        from ideas_status_change where idea_id = ? order by changed_at, id""")
                .param(ideaId)
                .query((rs, row) -> new StatusChange(
                        IdeaStatus.valueOf(rs.getString("from_status")),
                        IdeaStatus.valueOf(rs.getString("to_status")),
                        rs.getObject("to_label_id", UUID.class),
                        rs.getString("explanation"),
                        rs.getObject("stale_months", Integer.class),
                        rs.getObject("changed_by", UUID.class),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    /** The idea's comments, oldest first, without those staff hid. */
    List<Comment> comments(UUID ideaId) {
        return jdbc.sql(
                        """
                        select author_id, body_html, staff, created_at from ideas_comment
                        where idea_id = ? and moderation <> 'HIDDEN' order by created_at, id""")
                .param(ideaId)
                .query((rs, row) -> new Comment(
                        rs.getObject("author_id", UUID.class),
                        rs.getString("body_html"),
                        rs.getBoolean("staff"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** The newest ideas of the query with their text, for feeds. */
    List<FeedRow> feed(IdeaQuery query, int limit) {
        return jdbc.sql(
                        """
                        select i.number, i.title, i.body_html, i.status, i.status_label_id, i.author_id, i.created_at,
                               greatest(i.created_at, i.status_changed_at) as updated_at, c.name as category_name
                        from ideas_idea i join ideas_category c on c.id = i.category_id"""
                                + query.where() + " order by " + query.sort().orderBy + " limit ?")
                .params(query.parameters())
                .param(limit)
                .query((rs, row) -> new FeedRow(
                        rs.getLong("number"),
                        rs.getString("title"),
                        rs.getString("body_html"),
                        IdeaStatus.valueOf(rs.getString("status")),
                        rs.getObject("status_label_id", UUID.class),
                        rs.getObject("author_id", UUID.class),
                        rs.getString("category_name"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    /** Implemented ideas in the last twelve months, and the median days from submission to implementation. */
    InAction inAction() {
        return jdbc.sql(
                        """
                        select count(*) as implemented,
                        percentile_cont(0.5) within group (
                            order by extract(epoch from implemented_at - created_at) / 86400) as median_days
                        from ideas_idea where implemented_at > now() - interval '12 months'""")
                .query((rs, row) -> new InAction(rs.getInt("implemented"), nullableDouble(rs, "median_days")))
                .single();
    }

    /** The explanation that came with each idea's current status, by idea; ideas never answered are left out. */
    java.util.Map<UUID, String> currentExplanations(java.util.Collection<UUID> ideaIds) {
        if (ideaIds.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbc
                .sql(
                        """
                        select distinct on (idea_id) idea_id, explanation from ideas_status_change
                        where idea_id in (:ids) order by idea_id, changed_at desc, id desc""")
                .param("ids", ideaIds)
                .query((rs, row) ->
                        java.util.Map.entry(rs.getObject("idea_id", UUID.class), rs.getString("explanation")))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    /** The explanation that came with the idea's current status, and its own status, if it was ever answered. */
    Optional<StatusChange> currentChange(UUID ideaId) {
        return history(ideaId).stream().reduce((first, second) -> second);
    }

    private static @Nullable Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static IdeaSummary summary(ResultSet rs, int row) throws SQLException {
        return new IdeaSummary(
                rs.getObject("id", UUID.class),
                rs.getLong("number"),
                rs.getString("title"),
                IdeaStatus.valueOf(rs.getString("status")),
                rs.getObject("status_label_id", UUID.class),
                rs.getInt("promotes"),
                rs.getInt("demotes"),
                rs.getString("category_slug"),
                rs.getString("category_name"),
                rs.getInt("comments"),
                rs.getObject("author_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("implemented_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    record Submitted(UUID id, long number) {}

    record InAction(int implementedLastYear, @Nullable Double medianDays) {}

    record FeedRow(
            long number,
            String title,
            String bodyHtml,
            IdeaStatus status,
            @Nullable UUID statusLabel,
            UUID authorId,
            String categoryName,
            Instant createdAt,
            Instant updatedAt) {}

    record Locked(
            UUID id,
            long number,
            IdeaStatus status,
            @Nullable UUID statusLabel,
            boolean upVotesOnly,
            UUID authorId,
            UUID categoryId,
            @Nullable Integer voteBudget) {}

    record CastVote(int value, Instant castAt) {}

    record IdeaSummary(
            UUID id,
            long number,
            String title,
            IdeaStatus status,
            @Nullable UUID statusLabel,
            int promotes,
            int demotes,
            String categorySlug,
            String categoryName,
            int comments,
            UUID authorId,
            Instant createdAt,
            @Nullable Instant implementedAt) {}

    record IdeaDetail(
            UUID id,
            long number,
            String title,
            String bodyHtml,
            IdeaStatus status,
            @Nullable UUID statusLabel,
            int promotes,
            int demotes,
            String categorySlug,
            String categoryName,
            boolean upVotesOnly,
            UUID authorId,
            Instant createdAt,
            @Nullable Instant implementedAt,
            String moderation,
            String declineReason) {

        boolean published() {
            return PUBLISHED.equals(moderation);
        }
    }

    /** {@code staleMonths} is set where the idea was archived automatically after that many months. */
    record StatusChange(
            IdeaStatus from,
            IdeaStatus to,
            @Nullable UUID toLabel,
            String explanation,
            @Nullable Integer staleMonths,
            UUID changedBy,
            Instant changedAt) {}

    record Comment(UUID authorId, String bodyHtml, boolean staff, Instant createdAt) {}
}
