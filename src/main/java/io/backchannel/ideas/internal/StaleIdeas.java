package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeaStatusChanged;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Archives ideas that never received a staff status (still New) within {@code stale-after} of their submission or
 * of their last reopening; ideas staff have planned or started are not stale however long the work takes. Each archived idea gets a public notice in its
 * history and the usual event and mails. Several nodes may run it at once: each locks the rows it archives and skips those locked
 * by another, so every idea is archived once.
 */
@Component
public class StaleIdeas {

    /** Who archived an idea automatically: nobody. */
    public static final UUID SYSTEM = new UUID(0, 0);

    static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Duration staleAfter;

    StaleIdeas(
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            @Value("${backchannel.ideas.stale-after:180d}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = transactions;
        this.staleAfter = staleAfter;
    }

    /** Archives every stale idea, a batch per transaction; returns how many. */
    @Scheduled(cron = "0 17 * * * *")
    public int archive() {
        int total = 0;
        int archived;
        do {
            archived = java.util.Objects.requireNonNull(transactions.execute(status -> archiveBatch()));
            total += archived;
        } while (archived == BATCH);
        return total;
    }

    int months() {
        return (int) Math.max(1, Math.round(staleAfter.toDays() / 30.0));
    }

    private int archiveBatch() {
        var archived = jdbc.sql(
                        """
                        with stale as (
                            select id, status from ideas_idea where status = 'NEW' and status_changed_at < :before
                            order by status_changed_at limit :batch for update skip locked),
                        archived as (
                            update ideas_idea i set status = 'ARCHIVED', status_label_id = null,
                            status_changed_at = now(), implemented_at = null
                            from stale where i.id = stale.id returning i.id, i.number, stale.status as from_status),
                        history as (
                            insert into ideas_status_change (idea_id, from_status, to_status, changed_by, stale_months)
                            select id, from_status, 'ARCHIVED', :system, :months from archived)
                        select id, number, from_status from archived""")
                .param("before", Timestamp.from(Instant.now().minus(staleAfter)))
                .param("batch", BATCH)
                .param("system", SYSTEM)
                .param("months", months())
                .query((rs, row) -> new IdeaStatusChanged(
                        rs.getObject("id", UUID.class),
                        rs.getLong("number"),
                        IdeaStatus.valueOf(rs.getString("from_status")),
                        IdeaStatus.ARCHIVED,
                        SYSTEM))
                .list();
        archived.forEach(events::publishEvent);
        return archived.size();
    }
}
