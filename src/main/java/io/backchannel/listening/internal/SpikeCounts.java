package io.backchannel.listening.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * New conversations counted per topic and minute. Arrivals only add to a map in memory; the counts are written in one
 * batch before each check, so a burst of posts never queues on the same counter row. The topic {@code *} counts all.
 */
@Component
class SpikeCounts {

    static final String ALL = "*";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private Map<Key, int[]> pending = new HashMap<>();

    SpikeCounts(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    private record Key(String topic, Instant minute) {}

    /** A conversation was opened (and committed) with these topics. */
    synchronized void add(List<String> topics, boolean negative, Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        var all = new ArrayList<String>(topics.size() + 1);
        all.add(ALL);
        all.addAll(topics);
        for (String topic : all) {
            int[] counts = pending.computeIfAbsent(new Key(topic, minute), key -> new int[2]);
            counts[0]++;
            counts[1] += negative ? 1 : 0;
        }
    }

    private synchronized Map<Key, int[]> drain() {
        var drained = pending;
        pending = new HashMap<>();
        return drained;
    }

    /** Writes what arrived since the last flush; on failure the counts stay for the next one. */
    void flush() {
        var drained = drain();
        if (drained.isEmpty()) {
            return;
        }
        var rows = new ArrayList<Object[]>(drained.size());
        drained.forEach((key, counts) ->
                rows.add(new Object[] {key.topic(), Timestamp.from(key.minute()), counts[0], counts[1]}));
        try {
            batch.batchUpdate(
                    """
                    insert into listening_topic_minute (topic, minute, volume, negative) values (?, ?, ?, ?)
                    on conflict (topic, minute) do update set volume = listening_topic_minute.volume + excluded.volume,
                        negative = listening_topic_minute.negative + excluded.negative
                    """,
                    rows);
        } catch (RuntimeException e) {
            synchronized (this) {
                drained.forEach(
                        (key, counts) -> pending.merge(key, counts, (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]}));
            }
            throw e;
        }
    }

    /** Volume and negative count per topic in the window ending now, for the topics active in it. */
    Map<String, Window> current(Instant now, Duration window) {
        var result = new HashMap<String, Window>();
        jdbc.sql(
                        """
                        select topic, sum(volume), sum(negative) from listening_topic_minute
                        where minute > ? and minute <= ? group by topic
                        """)
                .params(Timestamp.from(now.minus(window)), Timestamp.from(now))
                .query(rs -> {
                    result.put(rs.getString(1), new Window(rs.getInt(2), rs.getInt(3)));
                });
        return result;
    }

    /** The counts of the same-length windows before the current one, per topic; windows without activity left out. */
    Map<String, List<Window>> history(List<String> topics, Instant now, Duration window, Duration baseline) {
        var result = new HashMap<String, List<Window>>();
        if (topics.isEmpty()) {
            return result;
        }
        Instant end = now.minus(window);
        jdbc.sql(
                        """
                        select topic, floor(extract(epoch from (? - minute)) / ?) as bucket,
                               sum(volume), sum(negative)
                        from listening_topic_minute
                        where topic = any(?) and minute > ? and minute <= ?
                        group by topic, bucket
                        """)
                .params(
                        Timestamp.from(end),
                        window.toSeconds(),
                        topics.toArray(String[]::new),
                        Timestamp.from(end.minus(baseline)),
                        Timestamp.from(end))
                .query(rs -> {
                    result.computeIfAbsent(rs.getString(1), topic -> new ArrayList<>())
                            .add(new Window(rs.getInt(3), rs.getInt(4)));
                });
        return result;
    }

    /** Counts older than any baseline are no longer needed. */
    void prune(Instant before) {
        jdbc.sql("delete from listening_topic_minute where minute < ?")
                .param(Timestamp.from(before))
                .update();
    }

    record Window(int volume, int negative) {
        static final Window NONE = new Window(0, 0);
    }
}
