package io.backchannel.system.internal;

import io.backchannel.system.Mailer;
import io.backchannel.system.OutgoingMail;
import io.backchannel.system.SqlText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The table of every e-mail the application sends; rows are written in the sender's transaction. */
@Repository
class MailOutbox implements Mailer {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final boolean smtpConfigured;

    MailOutbox(JdbcClient jdbc, ApplicationEventPublisher events, ObjectProvider<JavaMailSender> sender) {
        this.jdbc = jdbc;
        this.events = events;
        this.smtpConfigured = sender.getIfAvailable() != null;
    }

    @Override
    @Transactional
    public void send(OutgoingMail mail) {
        UUID id = UUID.randomUUID();
        String headers = mail.headers().entrySet().stream()
                .map(header -> header.getKey() + ": " + header.getValue() + "\n")
                .sorted()
                .collect(java.util.stream.Collectors.joining());
        jdbc.sql("insert into system_mail (id, recipient, subject, body, headers, status) values (?, ?, ?, ?, ?, ?)")
                .params(id, mail.recipient(), mail.subject(), mail.body(), headers, smtpConfigured ? "PENDING" : "HELD")
                .update();
        if (smtpConfigured) {
            events.publishEvent(new MailQueued(id));
        }
    }

    List<StoredMail> page(String query, int limit, long offset) {
        return jdbc.sql(
                        """
                        select * from system_mail
                        where ? = '' or recipient ilike ? or subject ilike ?
                        order by created_at desc limit ? offset ?""")
                .params(query, SqlText.containing(query), SqlText.containing(query), limit, offset)
                .query(MailOutbox::map)
                .list();
    }

    long count(String query) {
        return jdbc.sql("select count(*) from system_mail where ? = '' or recipient ilike ? or subject ilike ?")
                .params(query, SqlText.containing(query), SqlText.containing(query))
                .query(Long.class)
                .single();
    }

    Optional<StoredMail> find(UUID id) {
        return jdbc.sql("select * from system_mail where id = ?")
                .param(id)
                .query(MailOutbox::map)
                .optional();
    }

    /** Pending mails whose next attempt is due, oldest first. */
    List<UUID> due() {
        return jdbc.sql(
                        """
                        select id from system_mail where status = 'PENDING' and next_attempt_at <= now()
                        order by next_attempt_at limit 100""")
                .query(UUID.class)
                .list();
    }

    /** Locks the mail for one delivery attempt if it is still pending and no other attempt holds it. */
    Optional<StoredMail> claim(UUID id) {
        return jdbc.sql("select * from system_mail where id = ? and status = 'PENDING' for update skip locked")
                .param(id)
                .query(MailOutbox::map)
                .optional();
    }

    void markSent(UUID id) {
        jdbc.sql("update system_mail set status = 'SENT', sent_at = now(), attempts = attempts + 1 where id = ?")
                .param(id)
                .update();
    }

    /** Counts a failed attempt; waits 1, 2, 4, 8 … minutes before the next, and gives up after the last. */
    void markFailedAttempt(UUID id, String error, int maxAttempts) {
        jdbc.sql(
                        """
                        update system_mail set attempts = attempts + 1, last_error = left(?, 1000),
                        next_attempt_at = now() + interval '1 minute' * power(2, attempts),
                        status = case when attempts + 1 >= ? then 'FAILED' else status end where id = ?""")
                .params(error, maxAttempts, id)
                .update();
    }

    private static StoredMail map(ResultSet rs, int row) throws SQLException {
        return new StoredMail(
                rs.getObject("id", UUID.class),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getString("headers"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("sent_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    record MailQueued(UUID id) {}
}
