package io.backchannel.listening.internal;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.NotFoundException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Crisis mode: staff switch a topic into it with a holding statement (English, and German for German conversations)
 * and perhaps a link to the blog's incident page; its conversations are flagged, and staff answer many of them at
 * once with the statement. Each answer is an ordinary reply (the channels module sends it back where the customer
 * wrote, and archives it) in a transaction of its own, so one that cannot be answered does not undo the others. Who
 * started, answered and ended is logged.
 */
@Service("listeningCrises")
@Transactional
public class Crises {

    public static final int STATEMENT_MAX = 2_000;
    public static final int URL_MAX = 500;
    /** How many conversations one bulk answer takes at most. */
    public static final int BATCH_MAX = 500;

    /** The log's keys, spelt out so that the i18n guard finds them. */
    static final String[] LOG_KEYS = {
        "listening.crisis.log.started", "listening.crisis.log.answered", "listening.crisis.log.ended"
    };

    private final JdbcClient jdbc;
    private final Desk desk;
    private final ConversationRows rows;
    private final TransactionTemplate transactions;
    private final IdentityManagement identity;
    private volatile @Nullable Set<String> active;

    Crises(
            JdbcClient jdbc,
            Desk desk,
            ConversationRows rows,
            TransactionTemplate transactions,
            IdentityManagement identity) {
        this.jdbc = jdbc;
        this.desk = desk;
        this.rows = rows;
        this.transactions = transactions;
        this.identity = identity;
    }

    /**
     * @throws Refused when the topic is in crisis mode already
     */
    public UUID start(String topic, String statementEn, String statementDe, String incidentUrl, UUID staffId) {
        var id = jdbc.sql(
                        """
                        insert into listening_crisis (topic, statement_en, statement_de, incident_url, started_by)
                        values (?, ?, ?, ?, ?)
                        on conflict (topic) where ended_at is null do nothing
                        returning id
                        """)
                .params(topic, statementEn.strip(), statementDe.strip(), incidentUrl.strip(), staffId)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new Refused("listening.crisis.already"));
        log(id, "listening.crisis.log.started", "#" + topic, staffId);
        forgetActive();
        return id;
    }

    public void end(UUID crisisId, UUID staffId) {
        if (jdbc.sql("update listening_crisis set ended_by = ?, ended_at = now() where id = ? and ended_at is null")
                        .params(staffId, crisisId)
                        .update()
                > 0) {
            log(crisisId, "listening.crisis.log.ended", "", staffId);
            forgetActive();
        }
    }

    @Transactional(readOnly = true)
    public List<Crisis> latest() {
        return jdbc.sql("select * from listening_crisis order by ended_at is not null, started_at desc limit 50")
                .query(Crises::crisis)
                .list();
    }

    @Transactional(readOnly = true)
    public Crisis get(UUID crisisId) {
        return jdbc.sql("select * from listening_crisis where id = ?")
                .param(crisisId)
                .query(Crises::crisis)
                .optional()
                .orElseThrow(() -> new NotFoundException("crisis " + crisisId));
    }

    /**
     * Whether any of the topics is in crisis mode: the notice on a conversation. The active topics are kept in memory
     * (read again after each start or end), so this costs no query as a rule.
     */
    @Transactional(readOnly = true)
    public boolean inCrisis(Collection<String> topics) {
        return !topics.isEmpty() && topics.stream().anyMatch(active()::contains);
    }

    /**
     * The topics in crisis mode, for the inbox list: one call a page flags all its rows (a call a row was a transaction
     * a row).
     */
    @Transactional(readOnly = true)
    public Set<String> activeTopics() {
        return active();
    }

    private Set<String> active() {
        Set<String> known = active;
        if (known == null) {
            known = Set.copyOf(jdbc.sql("select topic from listening_crisis where ended_at is null")
                    .query(String.class)
                    .list());
            active = known;
        }
        return known;
    }

    @Transactional(readOnly = true)
    public List<LogEntry> log(UUID crisisId) {
        var entries = jdbc.sql(
                        "select event_key, detail, actor_id, at from listening_crisis_log where crisis_id = ? order by id")
                .param(crisisId)
                .query((rs, n) -> new LogEntry(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        ""))
                .list();
        Map<UUID, String> names =
                identity.displayNames(entries.stream().map(LogEntry::actorId).toList());
        return entries.stream()
                .map(entry -> new LogEntry(
                        entry.eventKey(),
                        entry.detail(),
                        entry.actorId(),
                        entry.at(),
                        names.getOrDefault(entry.actorId(), "")))
                .toList();
    }

    /** The topic's conversations still waiting for an end (open or pending), newest activity first. */
    @Transactional(readOnly = true)
    public List<Waiting> waiting(String topic) {
        return jdbc.sql(
                        """
                        select c.id, c.subject, c.language, c.status, cu.handle, cu.name,
                               exists (select 1 from listening_history h where h.conversation_id = c.id
                                       and h.event_key = 'listening.crisis.history.answered'
                                       and h.at >= (select started_at from listening_crisis
                                                    where topic = ? and ended_at is null)) as answered
                        from listening_conversation c join listening_customer cu on cu.id = c.customer_id
                        where c.topics @> array[?]::text[] and c.status <> 'RESOLVED'
                        order by c.last_message_at desc, c.id desc limit ?
                        """)
                .params(topic, topic, BATCH_MAX)
                .query((rs, n) -> new Waiting(
                        rs.getObject("id", UUID.class),
                        rs.getString("subject"),
                        rs.getString("language"),
                        rs.getString("status"),
                        rs.getString("handle"),
                        rs.getString("name"),
                        rs.getBoolean("answered")))
                .list();
    }

    /**
     * Answers each chosen conversation of the crisis's topic with the holding statement in its language, once per
     * crisis; conversations outside the topic, resolved, answered already or without a post to answer are skipped.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Outcome answer(UUID crisisId, Collection<UUID> conversationIds, UUID staffId) {
        var crisis = get(crisisId);
        if (!crisis.active()) {
            throw new Refused("listening.crisis.ended");
        }
        var eligible = new HashSet<UUID>();
        waiting(crisis.topic()).stream()
                .filter(conversation -> !conversation.answered())
                .forEach(conversation -> eligible.add(conversation.id()));
        int answered = 0;
        var chosen = new LinkedHashSet<>(conversationIds);
        for (UUID id : chosen) {
            if (!eligible.contains(id)) {
                continue;
            }
            try {
                transactions.executeWithoutResult(tx -> {
                    var conversation = rows.conversationForUpdate(id).orElseThrow();
                    desk.reply(id, crisis.statement(conversation.language()), staffId);
                    rows.log(id, "listening.crisis.history.answered", "#" + crisis.topic(), staffId);
                });
                answered++;
            } catch (Desk.NothingToAnswer e) {
                // A thread without a post of the customer's cannot be answered on the platform; it stays for staff.
            }
        }
        int skipped = chosen.size() - answered;
        int done = answered;
        transactions.executeWithoutResult(
                tx -> log(crisisId, "listening.crisis.log.answered", done + "/" + chosen.size(), staffId));
        return new Outcome(answered, skipped);
    }

    /** Read the active topics again once this transaction has committed (and at once, for this one). */
    private void forgetActive() {
        active = null;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                active = null;
            }
        });
    }

    private void log(UUID crisisId, String key, String detail, UUID staffId) {
        jdbc.sql("insert into listening_crisis_log (crisis_id, event_key, detail, actor_id) values (?, ?, ?, ?)")
                .params(crisisId, key, detail, staffId)
                .update();
    }

    private static Crisis crisis(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        var ended = rs.getObject("ended_at", OffsetDateTime.class);
        return new Crisis(
                rs.getObject("id", UUID.class),
                rs.getString("topic"),
                rs.getString("statement_en"),
                rs.getString("statement_de"),
                rs.getString("incident_url"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                ended == null ? null : ended.toInstant());
    }

    public record Crisis(
            UUID id,
            String topic,
            String statementEn,
            String statementDe,
            String incidentUrl,
            Instant startedAt,
            @Nullable Instant endedAt) {

        public boolean active() {
            return endedAt == null;
        }

        /** The statement in the conversation's language (German when there is one, else English), with the link. */
        public String statement(String language) {
            String text = language.equals("de") && !statementDe.isBlank() ? statementDe : statementEn;
            return incidentUrl.isBlank() ? text : text + "\n\n" + incidentUrl;
        }
    }

    public record Waiting(
            UUID id, String subject, String language, String status, String handle, String name, boolean answered) {}

    public record LogEntry(String eventKey, String detail, UUID actorId, Instant at, String actor) {}

    public record Outcome(int answered, int skipped) {}

    /** Staff asked for something the crisis's state does not allow; the key says what. */
    public static class Refused extends RuntimeException {
        private final String key;

        Refused(String key) {
            super(key);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
