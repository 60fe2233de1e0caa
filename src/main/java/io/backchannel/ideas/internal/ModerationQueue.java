package io.backchannel.ideas.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Ideas of pre-moderated boards waiting for staff, and the decisions on them. */
@Repository
class ModerationQueue {

    private final JdbcClient jdbc;

    ModerationQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PendingRow> pending(int limit) {
        return jdbc.sql(
                        """
                        select i.number, i.title, i.body_html, i.author_id, i.created_at, c.name as category
                        from ideas_idea i join ideas_category c on c.id = i.category_id
                        where i.moderation = 'PENDING' order by i.created_at, i.id limit ?""")
                .param(limit)
                .query(PendingRow.class)
                .list();
    }

    long pendingCount() {
        return jdbc.sql("select count(*) from ideas_idea where moderation = 'PENDING'")
                .query(Long.class)
                .single();
    }

    /** Moves a waiting idea on; empty if it is not (or no longer) waiting, e.g. when two staff decide at once. */
    Optional<Decided> decide(long number, String moderation, String reason) {
        return jdbc.sql(
                        """
                        update ideas_idea set moderation = ?, decline_reason = ?
                        where number = ? and moderation = 'PENDING' returning id, number, title, author_id""")
                .params(moderation, reason, number)
                .query(Decided.class)
                .optional();
    }

    /** A blocked author's waiting ideas leave the queue without a message to them. */
    void declineAllOf(UUID authorId) {
        jdbc.sql("update ideas_idea set moderation = 'DECLINED' where author_id = ? and moderation = 'PENDING'")
                .param(authorId)
                .update();
    }

    record PendingRow(long number, String title, String bodyHtml, UUID authorId, Instant createdAt, String category) {}

    record Decided(UUID id, long number, String title, UUID authorId) {}
}
