package io.backchannel.blog.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the public blog shows right now, as a stamp that changes whenever a page may change: with the content version
 * (V11_2, bumped by triggers on every write by anyone) and with the number of scheduled posts whose time has come, so
 * that a scheduled post appears at its time even before the scheduler marks it published. The version is read from
 * the database at most once per {@code backchannel.blog.content-check-interval}; {@link #forget()} makes the next call
 * read it again (after a write on this node, so that people see their own changes at once).
 */
@Component
public class BlogContentVersion {

    private final JdbcClient jdbc;
    private final long intervalNanos;
    private volatile @Nullable Snapshot snapshot;
    private final AtomicBoolean reading = new AtomicBoolean();

    BlogContentVersion(JdbcClient jdbc, @Value("${backchannel.blog.content-check-interval}") Duration interval) {
        this.jdbc = jdbc;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * The stamp as of {@code now}. When the last reading is due again, one request reads the database while the others
     * go on with it: every request of a busy node that found it due used to read at once, ten times a second.
     */
    public Stamp current(Instant now) {
        long nanos = System.nanoTime();
        Snapshot known = snapshot;
        if (known == null) {
            known = read(nanos);
            snapshot = known;
        } else if (nanos - known.readAt() >= intervalNanos && reading.compareAndSet(false, true)) {
            try {
                known = read(nanos);
                snapshot = known;
            } finally {
                reading.set(false);
            }
        }
        return known.stamp(now);
    }

    public void forget() {
        snapshot = null;
    }

    private Snapshot read(long nanos) {
        return jdbc.sql(
                        """
                        select v.version, v.changed_at,
                               array(select p.publish_at from blog_post p
                                     where p.state = 'SCHEDULED' and p.publish_at is not null
                                     order by p.publish_at) as scheduled
                        from blog_content_version v
                        """)
                .query((rs, row) -> {
                    var times = (Timestamp[]) rs.getArray("scheduled").getArray();
                    return new Snapshot(
                            nanos,
                            rs.getLong("version"),
                            rs.getTimestamp("changed_at").toInstant(),
                            Arrays.stream(times).map(Timestamp::toInstant).toList());
                })
                .single();
    }

    /**
     * {@code token} identifies the content; {@code lastModified} is when it last changed (a write or a scheduled time
     * that passed).
     */
    public record Stamp(String token, Instant lastModified) {}

    private record Snapshot(long readAt, long version, Instant changedAt, List<Instant> scheduled) {

        Stamp stamp(Instant now) {
            int due = 0;
            Instant lastModified = changedAt;
            for (Instant time : scheduled) {
                if (time.isAfter(now)) {
                    break;
                }
                due++;
                if (time.isAfter(lastModified)) {
                    lastModified = time;
                }
            }
            return new Stamp(version + "." + due, lastModified);
        }
    }
}
