package io.backchannel.listening.internal;

import io.backchannel.identity.AccountSummary;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.Mailer;
import io.backchannel.system.OutgoingMail;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Response targets per team: the first answer, each further answer after the customer wrote again, and the resolution
 * are due within the team's targets counted in its business hours. A scheduled check marks conversations whose due
 * time is near (warning) or past (breach), lists each in the in-app alerts and mails the team's members.
 */
@Service
@Transactional
public class ResponseTargets {

    static final int ALERTS = 100;

    private final JdbcClient jdbc;
    private final IdentityManagement identity;
    private final Mailer mailer;
    private final MessageSource messages;
    private final String baseUrl;

    ResponseTargets(
            JdbcClient jdbc,
            IdentityManagement identity,
            Mailer mailer,
            MessageSource messages,
            @Value("${backchannel.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.mailer = mailer;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    @Transactional(readOnly = true)
    public Optional<Targets> targets(UUID teamId) {
        return jdbc.sql("select * from listening_sla where team_id = ?")
                .param(teamId)
                .query(ResponseTargets::targets)
                .optional();
    }

    public void save(UUID teamId, Targets targets) {
        jdbc.sql(
                        """
                        insert into listening_sla (team_id, first_response_minutes, next_response_minutes,
                            resolution_minutes, warn_minutes, weekdays, day_start, day_end, zone, holidays)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::date[])
                        on conflict (team_id) do update set first_response_minutes = excluded.first_response_minutes,
                            next_response_minutes = excluded.next_response_minutes,
                            resolution_minutes = excluded.resolution_minutes, warn_minutes = excluded.warn_minutes,
                            weekdays = excluded.weekdays, day_start = excluded.day_start, day_end = excluded.day_end,
                            zone = excluded.zone, holidays = excluded.holidays
                        """)
                .params(
                        teamId,
                        targets.firstResponse(),
                        targets.nextResponse(),
                        targets.resolution(),
                        targets.warn(),
                        targets.hours().weekdays().stream()
                                .map(day -> String.valueOf(day.getValue()))
                                .sorted()
                                .collect(Collectors.joining(",")),
                        targets.hours().start(),
                        targets.hours().end(),
                        targets.hours().zone().getId(),
                        "{"
                                + targets.hours().holidays().stream()
                                        .map(LocalDate::toString)
                                        .sorted()
                                        .collect(Collectors.joining(","))
                                + "}")
                .update();
    }

    /** A conversation reached a team: its first answer and resolution are due by the team's targets. */
    void start(UUID conversationId, @Nullable UUID teamId, Instant from) {
        var dues = dues(teamId == null ? Optional.empty() : targets(teamId), from);
        jdbc.sql(
                        """
                        update listening_conversation set first_response_due = case when first_responded_at is null
                            then ?::timestamptz end, resolution_due = ?::timestamptz, next_response_due = null,
                            sla_state = 'OK' where id = ?
                        """)
                .params(dues.firstResponse(), dues.resolution(), conversationId)
                .update();
    }

    /** When the first answer and the resolution of a conversation starting {@code from} are due under the targets. */
    static Dues dues(Optional<Targets> targets, Instant from) {
        return new Dues(
                targets.map(t -> due(t, from, t.firstResponse())).orElse(null),
                targets.map(t -> due(t, from, t.resolution())).orElse(null));
    }

    record Dues(@Nullable OffsetDateTime firstResponse, @Nullable OffsetDateTime resolution) {}

    /** We answered: nothing is due but the resolution until the customer writes again. */
    void answered(UUID conversationId, Instant at) {
        jdbc.sql(
                        """
                        update listening_conversation set first_responded_at = coalesce(first_responded_at, ?),
                            first_response_met = case when first_responded_at is null and first_response_due is not null
                                then first_response_due >= ? else first_response_met end,
                            first_response_due = null, next_response_due = null,
                            sla_state = case when resolution_due < ? then sla_state else 'OK' end
                        where id = ?
                        """)
                .params(
                        ConversationRows.timestamp(at),
                        ConversationRows.timestamp(at),
                        ConversationRows.timestamp(at),
                        conversationId)
                .update();
    }

    /** The customer wrote again after our answer: the next answer is due. */
    void customerWrote(UUID conversationId, @Nullable UUID teamId, Instant at) {
        if (teamId == null) {
            return;
        }
        targets(teamId).ifPresent(t -> jdbc.sql(
                        """
                        update listening_conversation set next_response_due = ?
                        where id = ? and first_responded_at is not null and next_response_due is null
                        """)
                .params(due(t, at, t.nextResponse()), conversationId)
                .update());
    }

    /** Resolving clears what is due, so whether the resolution target was met is kept for the dashboard. */
    void resolved(UUID conversationId) {
        jdbc.sql(
                        """
                        update listening_conversation set resolved_at = now(),
                            resolution_met = case when resolution_due is not null then resolution_due >= now()
                                else resolution_met end,
                            first_response_met = case when first_responded_at is null and first_response_due < now()
                                then false else first_response_met end,
                            first_response_due = null, next_response_due = null, resolution_due = null,
                            sla_state = 'OK' where id = ?
                        """)
                .param(conversationId)
                .update();
    }

    /** Marks warnings and breaches due by now, lists them and mails the teams; returns how many changed. */
    @Scheduled(
            fixedDelayString = "${backchannel.listening.sla-check-interval:60s}",
            initialDelayString = "${backchannel.listening.sla-check-interval:60s}")
    public int check() {
        return check(Instant.now());
    }

    int check(Instant now) {
        var changed = jdbc.sql(
                        """
                        with due as (
                            select c.id, least(c.first_response_due, c.next_response_due, c.resolution_due) as due,
                                   s.warn_minutes
                            from listening_conversation c join listening_sla s on s.team_id = c.team_id
                            where c.status <> 'RESOLVED'
                              and least(c.first_response_due, c.next_response_due, c.resolution_due)
                                  <= ? + make_interval(mins => s.warn_minutes)
                              and c.sla_state <> 'BREACHED')
                        update listening_conversation c
                        set sla_state = case when due.due <= ? then 'BREACHED' else 'WARNING' end
                        from due
                        where c.id = due.id and c.sla_state <> case when due.due <= ? then 'BREACHED' else 'WARNING' end
                        returning c.id, c.team_id, c.subject, c.sla_state, due.due
                        """)
                .params(
                        ConversationRows.timestamp(now),
                        ConversationRows.timestamp(now),
                        ConversationRows.timestamp(now))
                .query((rs, n) -> new Alert(
                        rs.getObject("id", UUID.class),
                        rs.getObject("team_id", UUID.class),
                        rs.getString("subject"),
                        rs.getString("sla_state"),
                        rs.getObject("due", OffsetDateTime.class).toInstant(),
                        now))
                .list();
        changed.forEach(this::alert);
        return changed.size();
    }

    @Transactional(readOnly = true)
    public List<Alert> alerts() {
        return jdbc.sql(
                        """
                        select a.conversation_id as id, a.team_id, c.subject, a.kind, a.due, a.at
                        from listening_sla_alert a join listening_conversation c on c.id = a.conversation_id
                        order by a.at desc, a.id desc limit ?
                        """)
                .param(ALERTS)
                .query((rs, n) -> new Alert(
                        rs.getObject("id", UUID.class),
                        rs.getObject("team_id", UUID.class),
                        rs.getString("subject"),
                        rs.getString("kind"),
                        rs.getObject("due", OffsetDateTime.class).toInstant(),
                        rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private void alert(Alert alert) {
        jdbc.sql("insert into listening_sla_alert (conversation_id, team_id, kind, due) values (?, ?, ?, ?)")
                .params(alert.conversationId(), alert.teamId(), alert.kind(), ConversationRows.timestamp(alert.due()))
                .update();
        if (alert.teamId() == null) {
            return;
        }
        for (AccountSummary member : identity.accounts(identity.teamMembers(alert.teamId()))) {
            Locale locale = Locale.forLanguageTag(member.locale());
            Object[] args = {
                ConversationRows.clip(alert.subject(), 80),
                alert.due().toString(),
                baseUrl + "/workspace/inbox/" + alert.conversationId()
            };
            mailer.send(new OutgoingMail(
                    member.email(),
                    messages.getMessage("listening.sla.mail.subject." + alert.kind(), args, locale),
                    messages.getMessage("listening.sla.mail.body." + alert.kind(), args, locale)));
        }
    }

    private static OffsetDateTime due(Targets targets, Instant from, int minutes) {
        return ConversationRows.timestamp(targets.hours().add(from, Duration.ofMinutes(minutes)));
    }

    private static Targets targets(ResultSet rs, int row) throws SQLException {
        var holidays = (Date[]) rs.getArray("holidays").getArray();
        return new Targets(
                rs.getInt("first_response_minutes"),
                rs.getInt("next_response_minutes"),
                rs.getInt("resolution_minutes"),
                rs.getInt("warn_minutes"),
                new BusinessHours(
                        Arrays.stream(rs.getString("weekdays").split(","))
                                .map(day -> DayOfWeek.of(Integer.parseInt(day)))
                                .collect(Collectors.toSet()),
                        rs.getTime("day_start").toLocalTime(),
                        rs.getTime("day_end").toLocalTime(),
                        ZoneId.of(rs.getString("zone")),
                        Arrays.stream(holidays).map(Date::toLocalDate).collect(Collectors.<LocalDate>toSet())));
    }

    /** The keys of the mails, spelt out so that the i18n guard finds them. */
    static final String[] MAIL_KEYS = {
        "listening.sla.mail.subject.WARNING",
        "listening.sla.mail.subject.BREACHED",
        "listening.sla.mail.body.WARNING",
        "listening.sla.mail.body.BREACHED"
    };

    /** Minutes of business time for each target, and how long before a due time the team is warned. */
    public record Targets(int firstResponse, int nextResponse, int resolution, int warn, BusinessHours hours) {}

    public record Alert(
            UUID conversationId, @Nullable UUID teamId, String subject, String kind, Instant due, Instant at) {}
}
