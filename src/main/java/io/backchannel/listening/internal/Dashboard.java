package io.backchannel.listening.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The live dashboard's figures for conversations opened within a period (optionally of one team or channel): volume
 * per hour or day, sentiment, languages, share of voice from the listening queries' hits, first-response times and the
 * share of response targets met. Each is one aggregate over the range of the created_at index (V23), whose included
 * columns let PostgreSQL answer from the index alone.
 */
@Service
@Transactional(readOnly = true)
public class Dashboard {

    static final int LANGUAGES = 20;

    private final JdbcClient jdbc;
    private final ZoneId zone;

    Dashboard(JdbcClient jdbc, @Value("${backchannel.listening.dashboard-zone:UTC}") ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** The zone periods and buckets are counted in. */
    public ZoneId zone() {
        return zone;
    }

    public Figures figures(Filter filter) {
        return new Figures(
                volume(filter), sentiment(filter), languages(filter), shareOfVoice(filter), responseTimes(filter));
    }

    public List<Bucket> volume(Filter filter) {
        String unit = filter.hourly() ? "hour" : "day";
        var where = where(filter);
        Map<LocalDateTime, Long> counts = new HashMap<>();
        jdbc.sql("select date_trunc('" + unit + "', created_at at time zone ?) as bucket, count(*)"
                        + " from listening_conversation c where " + where.sql() + " group by 1")
                .params(prepend(zone.getId(), where.params()))
                .query(rs -> {
                    counts.put(rs.getObject(1, LocalDateTime.class), rs.getLong(2));
                });
        var buckets = new ArrayList<Bucket>();
        ChronoUnit step = filter.hourly() ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        LocalDateTime end = LocalDateTime.ofInstant(filter.to(), zone);
        for (LocalDateTime at = LocalDateTime.ofInstant(filter.from(), zone).truncatedTo(step);
                at.isBefore(end);
                at = at.plus(1, step)) {
            buckets.add(new Bucket(at, counts.getOrDefault(at, 0L)));
        }
        return buckets;
    }

    public List<Share> sentiment(Filter filter) {
        var where = where(filter);
        Map<Sentiment, Long> counts = new EnumMap<>(Sentiment.class);
        for (Sentiment sentiment : Sentiment.values()) {
            counts.put(sentiment, 0L);
        }
        jdbc.sql("select sentiment, count(*) from listening_conversation c where " + where.sql() + " group by 1")
                .params(where.params())
                .query(rs -> {
                    counts.put(Sentiment.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return shares(counts.entrySet().stream()
                .map(entry -> new Count(entry.getKey().name(), entry.getValue()))
                .toList());
    }

    public List<Share> languages(Filter filter) {
        var where = where(filter);
        return shares(jdbc.sql("select language, count(*) from listening_conversation c where " + where.sql()
                        + " group by 1 order by 2 desc, 1 limit " + LANGUAGES)
                .params(where.params())
                .query((rs, row) -> new Count(rs.getString(1), rs.getLong(2)))
                .list());
    }

    /** Posts matched by each query in the period (a post matching two queries counts for both). */
    public List<Voice> shareOfVoice(Filter filter) {
        var params = new ArrayList<Object>(
                List.of(ConversationRows.timestamp(filter.from()), ConversationRows.timestamp(filter.to())));
        String channel = "";
        if (filter.channel() != null) {
            channel = " and h.channel = ?";
            params.add(filter.channel());
        }
        var counts = jdbc.sql("select q.name, q.kind, coalesce(h.hits, 0) from listening_query q left join"
                        + " (select query_id, count(*) as hits from listening_query_hit h where h.at >= ? and h.at < ?"
                        + channel
                        + " group by query_id) h on h.query_id = q.id where q.active or h.hits > 0"
                        + " order by q.kind, 3 desc, lower(q.name)")
                .params(params.toArray())
                .query((rs, row) -> new Voice(rs.getString(1), QueryKind.valueOf(rs.getString(2)), rs.getLong(3), 0))
                .list();
        long total = counts.stream().mapToLong(Voice::count).sum();
        return counts.stream()
                .map(voice -> new Voice(voice.name(), voice.kind(), voice.count(), percent(voice.count(), total)))
                .toList();
    }

    /** First-response times of the period's answered conversations, and the targets met among those decided. */
    public ResponseTimes responseTimes(Filter filter) {
        var where = where(filter);
        var params = prepend(ConversationRows.timestamp(Instant.now()), where.params());
        params = prepend(ConversationRows.timestamp(Instant.now()), params);
        return jdbc.sql(
                        """
                        select count(first_responded_at),
                            percentile_cont(0.5) within group (order by extract(epoch from first_responded_at - created_at)),
                            percentile_cont(0.9) within group (order by extract(epoch from first_responded_at - created_at)),
                            count(*) filter (where first_response_met),
                            count(*) filter (where first_response_met is not null
                                or first_responded_at is null and first_response_due < ?),
                            count(*) filter (where resolution_met),
                            count(*) filter (where resolution_met is not null
                                or status <> 'RESOLVED' and resolution_due < ?)
                        from listening_conversation c where
                        """
                                + where.sql())
                .params(params)
                .query((rs, row) -> new ResponseTimes(
                        rs.getLong(1),
                        minutes(rs.getObject(2)),
                        minutes(rs.getObject(3)),
                        new Target(rs.getLong(4), rs.getLong(5), percent(rs.getLong(4), rs.getLong(5))),
                        new Target(rs.getLong(6), rs.getLong(7), percent(rs.getLong(6), rs.getLong(7)))))
                .single();
    }

    private static @Nullable Double minutes(@Nullable Object seconds) {
        return seconds == null ? null : Math.round(((Number) seconds).doubleValue() / 6.0) / 10.0;
    }

    private static List<Share> shares(List<Count> counts) {
        long total = counts.stream().mapToLong(Count::count).sum();
        return counts.stream()
                .map(count -> new Share(count.key(), count.count(), percent(count.count(), total)))
                .toList();
    }

    /** A percentage with one decimal; 0 of nothing is 0. */
    static double percent(long part, long total) {
        return total == 0 ? 0 : Math.round(part * 1000.0 / total) / 10.0;
    }

    private static Where where(Filter filter) {
        var sql = new StringBuilder("c.created_at >= ? and c.created_at < ?");
        var params = new ArrayList<Object>(
                List.of(ConversationRows.timestamp(filter.from()), ConversationRows.timestamp(filter.to())));
        if (filter.team() != null) {
            sql.append(" and c.team_id = ?");
            params.add(filter.team());
        }
        if (filter.channel() != null) {
            sql.append(" and c.channel = ?");
            params.add(filter.channel());
        }
        return new Where(sql.toString(), params.toArray());
    }

    private static Object[] prepend(Object first, Object[] rest) {
        var all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private record Where(String sql, Object[] params) {}

    private record Count(String key, long count) {}

    /** Conversations opened from (inclusive) to (exclusive), per hour or per day. */
    public record Filter(Instant from, Instant to, boolean hourly, @Nullable UUID team, @Nullable String channel) {}

    public record Figures(
            List<Bucket> volume,
            List<Share> sentiment,
            List<Share> languages,
            List<Voice> shareOfVoice,
            ResponseTimes responseTimes) {

        public long maxVolume() {
            return volume.stream().mapToLong(Bucket::count).max().orElse(0);
        }
    }

    public record Bucket(LocalDateTime start, long count) {

        /** The bucket as shown: its day, or its day and hour. */
        public String label(boolean hourly) {
            return hourly
                    ? start.toLocalDate() + " " + String.format(java.util.Locale.ROOT, "%02d:00", start.getHour())
                    : start.toLocalDate().toString();
        }
    }

    public record Share(String key, long count, double percent) {}

    public record Voice(String name, QueryKind kind, long count, double percent) {}

    /** Medians and 90th percentiles in minutes, null when nothing was answered. */
    public record ResponseTimes(
            long answered,
            @Nullable Double medianMinutes,
            @Nullable Double p90Minutes,
            Target firstResponse,
            Target resolution) {}

    /** Targets met out of those decided (met, missed, or overdue and still open). */
    public record Target(long met, long decided, double percent) {}
}
