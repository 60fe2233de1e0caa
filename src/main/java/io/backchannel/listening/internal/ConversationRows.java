package io.backchannel.listening.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of conversations, their messages, customers, notes and history. */
@Repository
public class ConversationRows {

    /** The search text keeps the first this many characters of what customers wrote, enough to find a thread by. */
    static final int SEARCH_MAX = 4_000;

    static final int SUBJECT_MAX = 200;

    static final String CONVERSATION_COLUMNS =
            """
            c.id, c.connector_id, c.channel, c.customer_id, cu.handle, cu.name, c.subject, c.status, c.team_id,
            c.assignee_id, c.language, c.sentiment, c.sentiment_reviewed, c.topics, c.intents, c.created_at,
            c.last_message_at, c.sla_state, least(c.first_response_due, c.next_response_due, c.resolution_due) as due
            """;

    private static final String MESSAGE_COLUMNS =
            "id, kind, author_handle, author_name, staff_id, text, url, state, failure_key, external_id, posted_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ConversationRows(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Lets one transaction at a time thread posts, on every node, until it ends. A batch locks customers,
     * conversations and a team's turn in the order its posts need them, so two batches at once could each wait for the
     * other; one after the other they cannot, and each threads hundreds of posts. It also keeps a post and its answer
     * arriving together from opening two conversations, and lets a repeated delivery see the first one's rows.
     */
    void lockThreading() {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('listening:threading', 0))")
                .query((rs, n) -> 1)
                .single();
    }

    /** Which of these posts are held in a conversation already. */
    Set<UUID> heldPosts(List<UUID> postIds) {
        return new HashSet<>(jdbc.sql("select post_id from listening_message where post_id = any(?)")
                .param(postIds.toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    boolean heldMessage(UUID connectorId, String externalId) {
        return jdbc.sql("select exists (select 1 from listening_message where connector_id = ? and external_id = ?)")
                .params(connectorId, externalId)
                .query(Boolean.class)
                .single();
    }

    /** The conversation holding the post with this platform id. */
    Optional<UUID> conversationHolding(UUID connectorId, String externalId) {
        return jdbc.sql(
                        "select conversation_id from listening_message where connector_id = ? and external_id = ? limit 1")
                .params(connectorId, externalId)
                .query(UUID.class)
                .optional();
    }

    /**
     * Opens conversations, each with its first message and history in one statement (one round trip instead of four):
     * the customer is created or renamed, the conversation written already routed. The statements go to the database
     * together, as one batch per shape.
     */
    void openAll(List<Opening> openings) {
        Map<Integer, List<Object[]>> byHistoryLength = new LinkedHashMap<>();
        for (Opening opening : openings) {
            byHistoryLength
                    .computeIfAbsent(opening.history().size(), length -> new ArrayList<>())
                    .add(openingParams(opening).toArray());
        }
        byHistoryLength.forEach((length, rows) -> batch.batchUpdate(openingSql(length), rows));
    }

    private static List<@Nullable Object> openingParams(Opening opening) {
        NewConversation conversation = opening.conversation();
        NewMessage first = opening.first();
        List<@Nullable Object> params = new ArrayList<>(
                List.of(conversation.channel(), conversation.customerHandle(), conversation.customerName()));
        params.addAll(Arrays.<@Nullable Object>asList(
                first.conversationId(),
                conversation.connectorId(),
                conversation.channel(),
                clip(conversation.subject(), SUBJECT_MAX),
                conversation.language(),
                conversation.sentiment().name(),
                conversation.topics().toArray(String[]::new),
                conversation.intents().toArray(String[]::new),
                clip(conversation.searchText(), SEARCH_MAX),
                timestamp(conversation.at()),
                conversation.teamId(),
                conversation.assigneeId(),
                conversation.dues().firstResponse(),
                conversation.dues().resolution()));
        params.addAll(messageParams(first));
        opening.history()
                .forEach(
                        line -> params.addAll(List.<Object>of(first.conversationId(), line.eventKey(), line.detail())));
        return params;
    }

    /** Ends in the history's insert rather than a query, so that it can be sent in a batch. */
    private static String openingSql(int historyLines) {
        return """
                with customer as (
                    insert into listening_customer (channel, handle, name) values (?, ?, ?)
                    on conflict (channel, handle) do update set name = excluded.name
                    returning id),
                conversation as (
                    insert into listening_conversation (id, connector_id, channel, customer_id, subject,
                        language, sentiment, topics, intents, search_text, last_message_at, team_id,
                        assignee_id, first_response_due, resolution_due)
                    select ?::uuid, ?::uuid, ?::text, customer.id, ?::text, ?::text, ?::text, ?::text[],
                        ?::text[], ?::text, ?::timestamptz, ?::uuid, ?::uuid, ?::timestamptz, ?::timestamptz
                    from customer),
                message as ("""
                + INSERT_MESSAGE
                + """
                )
                insert into listening_history (conversation_id, event_key, detail) values\s"""
                + String.join(", ", Collections.nCopies(historyLines, "(?, ?, ?)"));
    }

    /** A conversation to open: its row, first message and history. */
    record Opening(NewConversation conversation, NewMessage first, List<Routing.History> history) {}

    /**
     * For each of these posts, a conversation already holding an answer to it (the answer came first), in one look-up
     * for all of them.
     */
    Map<PostKey, UUID> conversationsAnswering(Collection<PostKey> posts) {
        if (posts.isEmpty()) {
            return Map.of();
        }
        Map<PostKey, UUID> answering = new HashMap<>();
        jdbc.sql(
                        """
                        select k.connector_id, k.external_id, m.conversation_id
                        from unnest(?::uuid[], ?::text[]) as k (connector_id, external_id)
                        join listening_message m
                            on m.connector_id = k.connector_id and m.in_reply_to_external_id = k.external_id
                        """)
                .params(
                        posts.stream().map(PostKey::connectorId).toArray(UUID[]::new),
                        posts.stream().map(PostKey::externalId).toArray(String[]::new))
                .query(rs -> {
                    answering.putIfAbsent(
                            new PostKey(rs.getObject(1, UUID.class), rs.getString(2)), rs.getObject(3, UUID.class));
                });
        return answering;
    }

    /** A post by the connector it came through and its id there. */
    record PostKey(UUID connectorId, String externalId) {}

    /** Stores the message; false when its post is already held. */
    boolean addMessage(NewMessage message) {
        return jdbc.sql(INSERT_MESSAGE).params(messageParams(message)).update() == 1;
    }

    private static final String INSERT_MESSAGE =
            """
            insert into listening_message (id, conversation_id, post_id, connector_id, external_id,
                in_reply_to_external_id, kind, author_handle, author_name, staff_id, text, url, state, posted_at)
            values (?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::text, ?::text, ?::text, ?::text, ?::text, ?::uuid, ?::text,
                ?::text, ?::text, ?::timestamptz)
            on conflict (post_id) do nothing
            """;

    private static List<@Nullable Object> messageParams(NewMessage message) {
        return Arrays.<@Nullable Object>asList(
                message.id(),
                message.conversationId(),
                message.postId(),
                message.connectorId(),
                message.externalId(),
                message.inReplyToExternalId(),
                message.kind(),
                message.authorHandle(),
                message.authorName(),
                message.staffId(),
                message.text(),
                message.url(),
                message.state(),
                timestamp(message.postedAt()));
    }

    /** A customer wrote again: the thread moves up the inbox and its text becomes searchable. */
    void touch(UUID conversationId, Instant at, String text) {
        jdbc.sql(
                        """
                        update listening_conversation
                        set last_message_at = greatest(last_message_at, ?),
                            search_text = left(search_text || ' ' || ?, ?)
                        where id = ?
                        """)
                .params(timestamp(at), text, SEARCH_MAX, conversationId)
                .update();
    }

    Optional<Conversation> conversation(UUID id) {
        return conversationWhere(id, "");
    }

    /** Locks the conversation's row for a change of its status or assignment. */
    Optional<Conversation> conversationForUpdate(UUID id) {
        return conversationWhere(id, " for update of c");
    }

    private Optional<Conversation> conversationWhere(UUID id, String lock) {
        return jdbc.sql("select " + CONVERSATION_COLUMNS
                        + " from listening_conversation c join listening_customer cu on cu.id = c.customer_id"
                        + " where c.id = ?" + lock)
                .param(id)
                .query(ConversationRows::conversation)
                .optional();
    }

    void setStatus(UUID id, ConversationStatus status) {
        jdbc.sql("update listening_conversation set status = ? where id = ?")
                .params(status.name(), id)
                .update();
    }

    void assign(UUID id, @Nullable UUID teamId, @Nullable UUID assigneeId) {
        jdbc.sql("update listening_conversation set team_id = ?, assignee_id = ? where id = ?")
                .params(teamId, assigneeId, id)
                .update();
    }

    void setSentiment(UUID id, Sentiment sentiment) {
        jdbc.sql("update listening_conversation set sentiment = ?, sentiment_reviewed = true where id = ?")
                .params(sentiment.name(), id)
                .update();
    }

    void log(UUID conversationId, String eventKey, String detail, @Nullable UUID actorId) {
        jdbc.sql("insert into listening_history (conversation_id, event_key, detail, actor_id) values (?, ?, ?, ?)")
                .params(conversationId, eventKey, detail, actorId)
                .update();
    }

    List<Message> messages(UUID conversationId) {
        return jdbc.sql("select " + MESSAGE_COLUMNS
                        + " from listening_message where conversation_id = ? order by posted_at, created_at, id")
                .param(conversationId)
                .query(Message.class)
                .list();
    }

    /** The customer's last post in the thread, which a reply answers. */
    Optional<Message> lastInbound(UUID conversationId) {
        return jdbc.sql("select " + MESSAGE_COLUMNS
                        + " from listening_message where conversation_id = ? and kind = 'INBOUND'"
                        + " and external_id is not null order by posted_at desc, created_at desc limit 1")
                .param(conversationId)
                .query(Message.class)
                .optional();
    }

    List<HistoryEntry> history(UUID conversationId) {
        return jdbc.sql("select event_key, detail, actor_id, at from listening_history where conversation_id = ?"
                        + " order by id")
                .param(conversationId)
                .query(HistoryEntry.class)
                .list();
    }

    void addNote(UUID conversationId, UUID authorId, String body, String bodyHtml) {
        jdbc.sql("insert into listening_note (conversation_id, author_id, body, body_html) values (?, ?, ?, ?)")
                .params(conversationId, authorId, body, bodyHtml)
                .update();
    }

    List<Note> notes(UUID conversationId) {
        return jdbc.sql("select author_id, body_html, created_at from listening_note where conversation_id = ?"
                        + " order by created_at, id")
                .param(conversationId)
                .query(Note.class)
                .list();
    }

    /** The customer's other conversations, on any channel under the same handle, newest first. */
    List<Conversation> sameCustomer(UUID conversationId, String handle, int limit) {
        return jdbc.sql("select " + CONVERSATION_COLUMNS
                        + " from listening_conversation c join listening_customer cu on cu.id = c.customer_id"
                        + " where lower(cu.handle) = lower(?) and c.id <> ? order by c.last_message_at desc limit ?")
                .params(handle, conversationId, limit)
                .query(ConversationRows::conversation)
                .list();
    }

    /** Marks a requested reply's outcome; false when no reply waits under that id. */
    boolean replyOutcome(
            UUID replyId,
            String state,
            @Nullable String externalId,
            @Nullable String url,
            @Nullable String failureKey) {
        return jdbc.sql(
                                """
                                update listening_message
                                set state = ?, external_id = coalesce(?, external_id), url = coalesce(?, url),
                                    failure_key = ?
                                where id = ? and kind = 'REPLY'
                                """)
                        .params(state, externalId, url, failureKey, replyId)
                        .update()
                == 1;
    }

    Optional<UUID> conversationOfMessage(UUID messageId) {
        return jdbc.sql("select conversation_id from listening_message where id = ?")
                .param(messageId)
                .query(UUID.class)
                .optional();
    }

    void addCorrection(
            UUID conversationId, String text, String language, Sentiment detected, Sentiment corrected, UUID staffId) {
        jdbc.sql(
                        """
                        insert into listening_sentiment_correction (conversation_id, text, language, detected,
                            corrected, staff_id)
                        values (?, ?, ?, ?, ?, ?)
                        """)
                .params(conversationId, text, language, detected.name(), corrected.name(), staffId)
                .update();
    }

    static Conversation conversation(ResultSet rs, int row) throws SQLException {
        return new Conversation(
                rs.getObject("id", UUID.class),
                rs.getObject("connector_id", UUID.class),
                rs.getString("channel"),
                rs.getObject("customer_id", UUID.class),
                rs.getString("handle"),
                rs.getString("name"),
                rs.getString("subject"),
                ConversationStatus.valueOf(rs.getString("status")),
                rs.getObject("team_id", UUID.class),
                rs.getObject("assignee_id", UUID.class),
                rs.getString("language"),
                Sentiment.valueOf(rs.getString("sentiment")),
                rs.getBoolean("sentiment_reviewed"),
                strings(rs.getArray("topics")),
                strings(rs.getArray("intents")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_message_at", OffsetDateTime.class).toInstant(),
                rs.getString("sla_state"),
                Optional.ofNullable(rs.getObject("due", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant)
                        .orElse(null));
    }

    static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    static OffsetDateTime timestamp(Instant at) {
        return at.atOffset(java.time.ZoneOffset.UTC);
    }

    /** The start of the text, never splitting a surrogate pair. */
    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    record NewConversation(
            UUID connectorId,
            String channel,
            String customerHandle,
            String customerName,
            String subject,
            String language,
            Sentiment sentiment,
            List<String> topics,
            List<String> intents,
            String searchText,
            Instant at,
            @Nullable UUID teamId,
            @Nullable UUID assigneeId,
            ResponseTargets.Dues dues) {}

    record NewMessage(
            UUID id,
            UUID conversationId,
            @Nullable UUID postId,
            UUID connectorId,
            @Nullable String externalId,
            @Nullable String inReplyToExternalId,
            String kind,
            String authorHandle,
            String authorName,
            @Nullable UUID staffId,
            String text,
            @Nullable String url,
            String state,
            Instant postedAt) {}

    public record Conversation(
            UUID id,
            UUID connectorId,
            String channel,
            UUID customerId,
            String handle,
            String name,
            String subject,
            ConversationStatus status,
            @Nullable UUID teamId,
            @Nullable UUID assigneeId,
            String language,
            Sentiment sentiment,
            boolean sentimentReviewed,
            List<String> topics,
            List<String> intents,
            Instant createdAt,
            Instant lastMessageAt,
            String slaState,
            @Nullable Instant due) {}

    public record Message(
            UUID id,
            String kind,
            String authorHandle,
            String authorName,
            @Nullable UUID staffId,
            String text,
            @Nullable String url,
            String state,
            @Nullable String failureKey,
            @Nullable String externalId,
            Instant postedAt) {}

    public record HistoryEntry(String eventKey, String detail, @Nullable UUID actorId, Instant at) {}

    record Note(UUID authorId, String bodyHtml, Instant createdAt) {}
}
