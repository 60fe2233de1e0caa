package io.backchannel.listening.internal;

import io.backchannel.system.Signatures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The one question after a resolved conversation, for teams that want it: a reply through the channel the customer
 * used, with a signed link to a page without login. Asked once per conversation; the customer may change the answer.
 * Channels that cannot answer (no post of the customer's with a platform id) are not asked.
 */
@Service
@Transactional
public class Satisfaction {

    private static final String PURPOSE = "listening-satisfaction";
    public static final int MIN = 1;
    public static final int MAX = 5;

    private final JdbcClient jdbc;
    private final ConversationRows rows;
    private final Desk desk;
    private final Signatures signatures;
    private final MessageSource messages;
    private final String baseUrl;
    private final Duration validity;

    Satisfaction(
            JdbcClient jdbc,
            ConversationRows rows,
            Desk desk,
            Signatures signatures,
            MessageSource messages,
            @Value("${backchannel.base-url}") String baseUrl,
            @Value("${backchannel.listening.satisfaction-link-validity}") Duration validity) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.desk = desk;
        this.signatures = signatures;
        this.messages = messages;
        this.baseUrl = baseUrl;
        this.validity = validity;
    }

    @Transactional(readOnly = true)
    public List<UUID> askingTeams() {
        return jdbc.sql("select team_id from listening_survey_team")
                .query(UUID.class)
                .list();
    }

    /** The teams whose resolved conversations ask the question; all others ask nothing. */
    public void chooseTeams(List<UUID> teamIds) {
        jdbc.sql("delete from listening_survey_team").update();
        teamIds.stream().distinct().forEach(team -> jdbc.sql("insert into listening_survey_team (team_id) values (?)")
                .param(team)
                .update());
    }

    @EventListener
    void on(Desk.Resolved resolved) {
        var conversation = rows.conversation(resolved.conversationId()).orElseThrow();
        if (conversation.teamId() == null
                || !askingTeams().contains(conversation.teamId())
                || rows.lastInbound(resolved.conversationId()).isEmpty()) {
            return;
        }
        int inserted = jdbc.sql(
                        "insert into listening_satisfaction (conversation_id) values (?) on conflict do nothing")
                .param(resolved.conversationId())
                .update();
        if (inserted == 0) {
            return;
        }
        String text = messages.getMessage(
                "listening.satisfaction.reply-text",
                new Object[] {link(resolved.conversationId(), Instant.now().plus(validity))},
                Locale.forLanguageTag(conversation.language()));
        desk.reply(resolved.conversationId(), text, resolved.staffId());
        rows.log(resolved.conversationId(), "listening.satisfaction.history.asked", "", resolved.staffId());
    }

    /** The survey page's address for the conversation, valid until {@code expires}. */
    public String link(UUID conversationId, Instant expires) {
        String data = conversationId + "." + expires.getEpochSecond();
        return UriComponentsBuilder.fromUriString(baseUrl)
                .path("/satisfaction/{token}")
                .buildAndExpand(data + "." + signatures.sign(PURPOSE, data))
                .toUriString();
    }

    /** What the token says, if we signed it for a conversation we asked; changes nothing. */
    @Transactional(readOnly = true)
    public Survey read(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !signatures.verify(PURPOSE, parts[0] + "." + parts[1], parts[2])) {
            return Survey.INVALID;
        }
        // Signed by us, so the parts are well-formed.
        if (Instant.ofEpochSecond(Long.parseLong(parts[1])).isBefore(Instant.now())) {
            return Survey.EXPIRED;
        }
        UUID conversation = UUID.fromString(parts[0]);
        return answer(conversation)
                .map(answer -> new Survey(State.VALID, conversation, answer.score()))
                .orElse(Survey.INVALID);
    }

    /** Stores the answer (a later answer replaces it); refuses forged, expired and out-of-range answers. */
    public Survey answer(String token, int score) {
        var survey = read(token);
        if (survey.state() != State.VALID || survey.conversationId() == null || score < MIN || score > MAX) {
            return survey;
        }
        jdbc.sql("update listening_satisfaction set score = ?, answered_at = now() where conversation_id = ?")
                .params(score, survey.conversationId())
                .update();
        rows.log(survey.conversationId(), "listening.satisfaction.history.answered", String.valueOf(score), null);
        return new Survey(State.VALID, survey.conversationId(), score);
    }

    /** Whether the conversation's customer was asked, and their answer if given. */
    @Transactional(readOnly = true)
    public Optional<Answer> answer(UUID conversationId) {
        return jdbc.sql("select score, asked_at, answered_at from listening_satisfaction where conversation_id = ?")
                .param(conversationId)
                .query((rs, n) -> new Answer(
                        (Integer) rs.getObject("score"),
                        rs.getTimestamp("asked_at").toInstant(),
                        rs.getTimestamp("answered_at") == null
                                ? null
                                : rs.getTimestamp("answered_at").toInstant()))
                .optional();
    }

    public enum State {
        VALID,
        EXPIRED,
        INVALID
    }

    public record Survey(State state, @Nullable UUID conversationId, @Nullable Integer score) {

        static final Survey INVALID = new Survey(State.INVALID, null, null);
        static final Survey EXPIRED = new Survey(State.EXPIRED, null, null);
    }

    public record Answer(@Nullable Integer score, Instant askedAt, @Nullable Instant answeredAt) {}
}
