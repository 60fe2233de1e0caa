package io.backchannel.listening.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inbox list: one page at a time by keyset, newest activity first, so that a page costs an index range scan
 * whatever the number of conversations (see the indexes in V22).
 */
@Repository
class InboxRows {

    /** What {@link ConversationRows#CONVERSATION_COLUMNS} reads of a conversation. */
    private static final String PAGE_COLUMNS =
            """
            c.id, c.connector_id, c.channel, c.customer_id, c.subject, c.status, c.team_id, c.assignee_id, c.language,
            c.sentiment, c.sentiment_reviewed, c.topics, c.intents, c.created_at, c.last_message_at, c.sla_state,
            c.first_response_due, c.next_response_due, c.resolution_due
            """;

    private final JdbcClient jdbc;

    InboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ConversationRows.Conversation> page(InboxQuery query, int limit) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (query.status() != null) {
            where.add("c.status = ?");
            params.add(query.status().name());
        }
        if (query.teams() != null && query.teams().size() == 1) {
            // One team reads its index in order; any(...) of one element would not.
            where.add("c.team_id = ?");
            params.add(query.teams().get(0));
        } else if (query.teams() != null) {
            where.add("c.team_id = any(?)");
            params.add(query.teams().toArray(java.util.UUID[]::new));
        }
        if (query.assignee() != null) {
            where.add("c.assignee_id = ?");
            params.add(query.assignee());
        }
        if (query.channel() != null) {
            where.add("c.channel = ?");
            params.add(query.channel());
        }
        if (query.language() != null) {
            where.add("c.language = ?");
            params.add(query.language());
        }
        if (query.sentiment() != null) {
            where.add("c.sentiment = ?");
            params.add(query.sentiment().name());
        }
        if (query.topic() != null) {
            where.add("c.topics @> array[?]::text[]");
            params.add(query.topic());
        }
        if (!query.q().isBlank()) {
            where.add("c.search @@ plainto_tsquery('simple', ?)");
            params.add(query.q());
        }
        if (query.after() != null) {
            where.add("(c.last_message_at, c.id) < (?, ?)");
            params.add(ConversationRows.timestamp(query.after().lastMessageAt()));
            params.add(query.after().id());
        }
        if (!query.q().isBlank()) {
            noParallelWorkers();
        }
        // The page first, then its customers: joined before the limit, a search's estimate of thousands of rows made
        // the planner hash all 200,000 customers (40 ms) to name 5 conversations.
        String sql = "select " + ConversationRows.CONVERSATION_COLUMNS
                + " from (select " + PAGE_COLUMNS + " from listening_conversation c"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + order(query)
                + " limit ?) c join listening_customer cu on cu.id = c.customer_id"
                + " order by c.last_message_at desc, c.id desc";
        params.add(limit);
        return jdbc.sql(sql)
                .params(params)
                .query(ConversationRows::conversation)
                .list();
    }

    /**
     * Newest first. A search finds its few rows through the text index and sorts them; ordered by the bare column,
     * the planner would rather walk the whole list by date and test each row (20 s for a rare word in 1,000,000).
     */
    private static String order(InboxQuery query) {
        return query.q().isBlank()
                ? " order by c.last_message_at desc, c.id desc"
                : " order by c.last_message_at + interval '0 seconds' desc, c.id desc";
    }

    /**
     * For the rest of the transaction (the callers are transactional): a search sorts its few rows, and the planner,
     * guessing thousands, would start two parallel workers for it, which took 10 ms to sort 5 rows in 1 ms.
     */
    private void noParallelWorkers() {
        jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
    }

    /** Conversations whose sentiment nobody could tell yet, oldest first. */
    List<ConversationRows.Conversation> unclear(int limit) {
        return jdbc.sql("select " + ConversationRows.CONVERSATION_COLUMNS
                        + " from listening_conversation c join listening_customer cu on cu.id = c.customer_id"
                        + " where c.sentiment = 'UNCLEAR' and not c.sentiment_reviewed"
                        + " order by c.last_message_at limit ?")
                .param(limit)
                .query(ConversationRows::conversation)
                .list();
    }
}
