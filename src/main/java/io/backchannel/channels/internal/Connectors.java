package io.backchannel.channels.internal;

import io.backchannel.system.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configured connectors: admins add, change and disable them; connectors keep their cursor and health here. A cursor
 * moves only together with the posts it covers being stored, so a restart neither skips nor repeats.
 */
@Service
@Transactional
public class Connectors {

    private static final String MANUAL_NAME = "manual";
    private static final TypeReference<LinkedHashMap<String, String>> SETTINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CredentialCipher cipher;
    private final Backoff backoff;
    private final WebhookTargets webhookTargets;

    Connectors(
            JdbcClient jdbc,
            JsonMapper json,
            CredentialCipher cipher,
            WebhookTargets webhookTargets,
            @Value("${backchannel.channels.backoff-base:30s}") Duration backoffBase,
            @Value("${backchannel.channels.backoff-cap:1h}") Duration backoffCap) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
        this.webhookTargets = webhookTargets;
        this.backoff = new Backoff(backoffBase, backoffCap);
    }

    public UUID create(ConnectorKind kind, String name, Map<String, String> settings, @Nullable String secret) {
        if (nameTaken(name, null)) {
            throw new NameTaken();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into channels_connector (id, kind, name, settings, credentials) values (?, ?, ?, ?::jsonb, ?)")
                .params(id, kind.name(), name.strip(), json.writeValueAsString(settings), seal(secret))
                .update();
        return id;
    }

    /** Changes name and settings; a blank secret keeps the stored one. */
    public void update(UUID id, String name, Map<String, String> settings, @Nullable String secret) {
        if (nameTaken(name, id)) {
            throw new NameTaken();
        }
        int changed = jdbc.sql("update channels_connector set name = ?, settings = ?::jsonb,"
                        + " credentials = coalesce(?, credentials) where id = ?")
                .params(name.strip(), json.writeValueAsString(settings), seal(secret), id)
                .update();
        if (changed == 0) {
            throw new NotFoundException("connector " + id);
        }
        webhookTargets.changed(id);
    }

    /** Enabling clears the wait of the last failures, so an admin who fixed a setting sees it tried at once. */
    public void setEnabled(UUID id, boolean enabled) {
        jdbc.sql("update channels_connector set enabled = ?, next_attempt_at = null where id = ?")
                .params(enabled, id)
                .update();
        webhookTargets.changed(id);
    }

    @Transactional(readOnly = true)
    public boolean nameTaken(String name, @Nullable UUID except) {
        return jdbc.sql(
                                "select count(*) from channels_connector where lower(name) = lower(?) and id is distinct from ?")
                        .params(name.strip(), except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Transactional(readOnly = true)
    public List<Connector> all() {
        return jdbc.sql("select * from channels_connector order by lower(name)")
                .query(this::connector)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Connector> find(UUID id) {
        return jdbc.sql("select * from channels_connector where id = ?")
                .param(id)
                .query(this::connector)
                .optional();
    }

    @Transactional(readOnly = true)
    public Connector get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("connector " + id));
    }

    /** Enabled connectors of a kind whose wait after failures (if any) is over. */
    @Transactional(readOnly = true)
    public List<Connector> due(ConnectorKind kind, Instant now) {
        return jdbc.sql("select * from channels_connector where kind = ? and enabled"
                        + " and (next_attempt_at is null or next_attempt_at <= ?) order by id")
                .params(kind.name(), Timestamp.from(now))
                .query(this::connector)
                .list();
    }

    /** Due connectors of a polled kind whose own polling interval is over. */
    @Transactional(readOnly = true)
    public List<Connector> duePolls(ConnectorKind kind, Instant now) {
        return due(kind, now).stream()
                .filter(connector -> connector.intervalOver(now))
                .toList();
    }

    /** The connector's secret in plain text, for signing and calling its platform; never shown after it was set. */
    @Transactional(readOnly = true)
    public Optional<String> secret(UUID id) {
        return jdbc.sql("select credentials from channels_connector where id = ? and credentials is not null")
                .param(id)
                .query(byte[].class)
                .optional()
                .map(cipher::decrypt);
    }

    /** The one connector that staff's manual entries belong to, made on first use. */
    Connector manual() {
        jdbc.sql("insert into channels_connector (id, kind, name) select ?, ?, ?"
                        + " where not exists (select 1 from channels_connector where kind = ?)"
                        + " on conflict do nothing")
                .params(UUID.randomUUID(), ConnectorKind.MANUAL.name(), MANUAL_NAME, ConnectorKind.MANUAL.name())
                .update();
        return jdbc.sql("select * from channels_connector where kind = ? order by created_at limit 1")
                .param(ConnectorKind.MANUAL.name())
                .query(this::connector)
                .single();
    }

    /** A successful round: failures forgotten; the cursor moves when one is given. */
    public void succeeded(UUID id, @Nullable String cursor, Instant at) {
        jdbc.sql("update channels_connector set last_success_at = ?, consecutive_failures = 0, next_attempt_at = null,"
                        + " cursor = coalesce(?, cursor) where id = ?")
                .params(Timestamp.from(at), cursor, id)
                .update();
    }

    /** Holds a healthy connector back until {@code at}, e.g. when the platform said its calls are used up. */
    public void holdUntil(UUID id, Instant at) {
        jdbc.sql("update channels_connector set next_attempt_at = ? where id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    /**
     * A push connector (webhook) delivered: marked healthy as {@link #succeeded} does, but at most every {@link
     * #HEARD_EVERY} while it stays healthy. Every delivery updating the row made a busy connector's deliveries queue for
     * its lock one by one (and hold a database connection while they waited); a row that needs no change is not
     * locked.
     */
    public void heard(UUID id, Instant at) {
        jdbc.sql("update channels_connector set last_success_at = ?, consecutive_failures = 0, next_attempt_at = null"
                        + " where id = ? and (consecutive_failures <> 0 or next_attempt_at is not null"
                        + " or last_success_at is null or last_success_at < ?)")
                .params(Timestamp.from(at), id, Timestamp.from(at.minus(HEARD_EVERY)))
                .update();
    }

    static final Duration HEARD_EVERY = Duration.ofSeconds(10);

    /** Moves the cursor alone, e.g. inside the transaction that stored the posts it covers. */
    public void moveCursor(UUID id, String cursor) {
        jdbc.sql("update channels_connector set cursor = ? where id = ? ")
                .params(cursor, id)
                .update();
    }

    /** Moves a numeric cursor (e.g. a time in microseconds) forward only; events may arrive slightly out of order. */
    public void advanceCursor(UUID id, long position) {
        jdbc.sql("update channels_connector set cursor = ? where id = ?"
                        + " and coalesce(case when cursor ~ '^[0-9]+$' then cursor::numeric end, -1) < ?")
                .params(Long.toString(position), id, position)
                .update();
    }

    /**
     * A failed round: counted, its reason kept as a message key (shown translated) with a technical detail, and the
     * next attempt put off by the backoff or the platform's own wait, whichever is longer. Returns the wait.
     */
    public Duration failed(UUID id, String errorKey, String detail, @Nullable Duration platformWait, Instant at) {
        int failures = jdbc.sql("update channels_connector set consecutive_failures = consecutive_failures + 1,"
                        + " last_error_key = ?, last_error_detail = ?, last_error_at = ? where id = ?"
                        + " returning consecutive_failures")
                .params(errorKey, abbreviate(detail), Timestamp.from(at), id)
                .query(Integer.class)
                .optional()
                .orElse(1);
        Duration wait = backoff.delay(failures, platformWait, ThreadLocalRandom.current());
        jdbc.sql("update channels_connector set next_attempt_at = ? where id = ?")
                .params(Timestamp.from(at.plus(wait)), id)
                .update();
        return wait;
    }

    private static String abbreviate(String detail) {
        return detail.length() > 500 ? detail.substring(0, 500) + "…" : detail;
    }

    private byte @Nullable [] seal(@Nullable String secret) {
        return secret == null || secret.isBlank() ? null : cipher.encrypt(secret.strip());
    }

    private Connector connector(ResultSet rs, int row) throws SQLException {
        return new Connector(
                rs.getObject("id", UUID.class),
                ConnectorKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                json.readValue(rs.getString("settings"), SETTINGS),
                rs.getBoolean("enabled"),
                rs.getBytes("credentials") != null,
                rs.getString("cursor"),
                instant(rs, "last_success_at"),
                rs.getString("last_error_key"),
                rs.getString("last_error_detail"),
                instant(rs, "last_error_at"),
                rs.getInt("consecutive_failures"),
                instant(rs, "next_attempt_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** Another connector has this name already. */
    public static class NameTaken extends RuntimeException {
        NameTaken() {
            super("Connector name taken");
        }
    }
}
