package io.backchannel.ideas.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Webhook endpoints and their outbox of deliveries. */
@Repository
public class Webhooks {

    private static final int LOG_SIZE = 100;

    private final JdbcClient jdbc;

    Webhooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID create(String url, String secret, List<WebhookEvent> events) {
        return jdbc.sql("insert into ideas_webhook (url, secret, events) values (?, ?, ?) returning id")
                .params(url, secret, events.stream().map(Enum::name).toArray(String[]::new))
                .query(UUID.class)
                .single();
    }

    void delete(UUID id) {
        jdbc.sql("delete from ideas_webhook where id = ?").param(id).update();
    }

    List<Endpoint> all() {
        return jdbc.sql(
                        """
                        select w.id, w.url, w.events, w.created_at,
                        (select count(*) from ideas_webhook_delivery d where d.webhook_id = w.id
                         and d.status = 'FAILED') as failed
                        from ideas_webhook w order by w.created_at""")
                .query(Webhooks::endpoint)
                .list();
    }

    Optional<Endpoint> byId(UUID id) {
        return jdbc.sql("select w.id, w.url, w.events, w.created_at, 0 as failed from ideas_webhook w where id = ?")
                .param(id)
                .query(Webhooks::endpoint)
                .optional();
    }

    /** Stores one delivery of the event for every endpoint that subscribed to it, and returns their IDs. */
    List<UUID> enqueue(WebhookEvent event, String payload) {
        return jdbc.sql(
                        """
                        insert into ideas_webhook_delivery (webhook_id, event, payload, status)
                        select id, ?, ?, 'PENDING' from ideas_webhook where ? = any(events) returning id""")
                .params(event.name(), payload, event.name())
                .query(UUID.class)
                .list();
    }

    List<DeliveryRow> log(UUID webhookId) {
        return jdbc.sql(
                        """
                        select id, event, status, attempts, response_code, last_error, created_at, next_attempt_at,
                        delivered_at from ideas_webhook_delivery where webhook_id = ? order by created_at desc, id
                        limit ?""")
                .params(webhookId, LOG_SIZE)
                .query((rs, row) -> new DeliveryRow(
                        rs.getObject("id", UUID.class),
                        WebhookEvent.valueOf(rs.getString("event")),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getObject("response_code", Integer.class),
                        rs.getString("last_error"),
                        instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("next_attempt_at")),
                        nullableInstant(rs.getTimestamp("delivered_at"))))
                .list();
    }

    /** Pending deliveries whose next attempt is due, oldest first. */
    List<UUID> due() {
        return jdbc.sql(
                        """
                        select id from ideas_webhook_delivery where status = 'PENDING' and next_attempt_at <= now()
                        order by next_attempt_at limit 100""")
                .query(UUID.class)
                .list();
    }

    /** Locks the delivery for one attempt if it is still pending and no other node holds it. */
    Optional<Claimed> claim(UUID id) {
        return jdbc.sql(
                        """
                        select d.id, d.event, d.payload, d.attempts, w.url, w.secret from ideas_webhook_delivery d
                        join ideas_webhook w on w.id = d.webhook_id
                        where d.id = ? and d.status = 'PENDING' for update of d skip locked""")
                .param(id)
                .query((rs, row) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        WebhookEvent.valueOf(rs.getString("event")),
                        rs.getString("payload"),
                        rs.getInt("attempts"),
                        rs.getString("url"),
                        rs.getString("secret")))
                .optional();
    }

    void markDelivered(UUID id, int responseCode) {
        jdbc.sql(
                        """
                        update ideas_webhook_delivery set status = 'DELIVERED', attempts = attempts + 1,
                        response_code = ?, last_error = null, delivered_at = now() where id = ?""")
                .params(responseCode, id)
                .update();
    }

    /** Counts a failed attempt; waits 1, 2, 4, 8 … minutes before the next, and gives up after the last. */
    void markFailedAttempt(UUID id, @Nullable Integer responseCode, String error, int maxAttempts) {
        jdbc.sql(
                        """
                        update ideas_webhook_delivery set attempts = attempts + 1, response_code = ?,
                        last_error = left(?, 1000), next_attempt_at = now() + interval '1 minute' * power(2, attempts),
                        status = case when attempts + 1 >= ? then 'FAILED' else status end where id = ?""")
                .params(responseCode, error, maxAttempts, id)
                .update();
    }

    /** Queues the delivery again with a fresh count of attempts; false if it does not belong to the endpoint. */
    boolean redeliver(UUID webhookId, UUID deliveryId) {
        return jdbc.sql(
                                """
                                update ideas_webhook_delivery set status = 'PENDING', attempts = 0,
                                next_attempt_at = now() where id = ? and webhook_id = ?""")
                        .params(deliveryId, webhookId)
                        .update()
                == 1;
    }

    private static Endpoint endpoint(ResultSet rs, int row) throws SQLException {
        return new Endpoint(
                rs.getObject("id", UUID.class),
                rs.getString("url"),
                Arrays.stream((String[]) rs.getArray("events").getArray())
                        .map(WebhookEvent::valueOf)
                        .toList(),
                instant(rs.getTimestamp("created_at")),
                rs.getInt("failed"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }

    private static @Nullable Instant nullableInstant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public record Endpoint(UUID id, String url, List<WebhookEvent> events, Instant createdAt, int failed) {}

    public record DeliveryRow(
            UUID id,
            WebhookEvent event,
            String status,
            int attempts,
            @Nullable Integer responseCode,
            @Nullable String lastError,
            Instant createdAt,
            Instant nextAttemptAt,
            @Nullable Instant deliveredAt) {

        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    record Claimed(UUID id, WebhookEvent event, String payload, int attempts, String url, String secret) {}
}
