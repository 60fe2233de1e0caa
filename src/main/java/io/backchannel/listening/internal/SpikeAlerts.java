package io.backchannel.listening.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The spike alerts for staff: the latest ones, the open ones nobody has acknowledged yet, and acknowledging them. */
@Service("listeningSpikeAlerts")
@Transactional
public class SpikeAlerts {

    static final int LATEST = 100;

    private final JdbcClient jdbc;

    SpikeAlerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Alert> latest() {
        return jdbc.sql("select * from listening_spike_alert order by raised_at desc, id limit ?")
                .param(LATEST)
                .query((rs, n) -> new Alert(
                        rs.getObject("id", UUID.class),
                        rs.getString("topic"),
                        rs.getString("kind"),
                        rs.getInt("volume"),
                        rs.getInt("negative"),
                        rs.getDouble("baseline_mean"),
                        rs.getInt("window_minutes"),
                        instant(rs.getObject("raised_at", OffsetDateTime.class)),
                        nullableInstant(rs.getObject("calmed_at", OffsetDateTime.class)),
                        rs.getObject("acknowledged_by", UUID.class),
                        nullableInstant(rs.getObject("acknowledged_at", OffsetDateTime.class))))
                .list();
    }

    /** For the badge in the staff navigation: open alerts nobody has acknowledged. */
    @Transactional(readOnly = true)
    public int unacknowledged() {
        return jdbc.sql(
                        "select count(*) from listening_spike_alert where calmed_at is null and acknowledged_at is null")
                .query(Integer.class)
                .single();
    }

    /** False when there is no such alert or it was acknowledged already. */
    public boolean acknowledge(UUID alertId, UUID staffId) {
        return jdbc.sql(
                                """
                        update listening_spike_alert set acknowledged_by = ?, acknowledged_at = now()
                        where id = ? and acknowledged_at is null
                        """)
                        .params(staffId, alertId)
                        .update()
                > 0;
    }

    /** A topic as staff read it: the hashtag, or "all conversations". */
    public static String topicName(String topic, MessageSource messages, Locale locale) {
        return SpikeCounts.ALL.equals(topic) ? messages.getMessage("listening.spike.all", null, locale) : "#" + topic;
    }

    private static Instant instant(OffsetDateTime at) {
        return at.toInstant();
    }

    private static @Nullable Instant nullableInstant(@Nullable OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    public record Alert(
            UUID id,
            String topic,
            String kind,
            int volume,
            int negative,
            double baselineMean,
            int windowMinutes,
            Instant raisedAt,
            @Nullable Instant calmedAt,
            @Nullable UUID acknowledgedBy,
            @Nullable Instant acknowledgedAt) {

        public boolean all() {
            return SpikeCounts.ALL.equals(topic);
        }
    }
}
