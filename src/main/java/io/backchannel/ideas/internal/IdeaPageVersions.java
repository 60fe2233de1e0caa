package io.backchannel.ideas.internal;

import io.backchannel.system.PageVersions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The version of each idea's public page, from the stamps V20 writes: the transaction that last changed the idea, its
 * comments, history, tags, storm or merges, plus one number for renamed boards, labels, tags and storms. The stamps of
 * all ideas are held in memory and brought up to date at most every check interval by asking only for what changed:
 * stamps at or above the oldest transaction that was still running at the previous reading, so a change that
 * commits late is still found. A write on this node makes the next page view read at once.
 */
@Component
class IdeaPageVersions implements PageVersions {

    private static final Logger log = LoggerFactory.getLogger(IdeaPageVersions.class);
    private static final Pattern IDEA_PAGE = Pattern.compile("/ideas/(\\d{1,18})");

    private final JdbcClient jdbc;
    private final long intervalNanos;
    private final Map<Long, Long> stamps = new ConcurrentHashMap<>();
    private final ReentrantLock reading = new ReentrantLock();
    private volatile long horizon;
    private volatile long epoch;
    private volatile long readAt;
    private volatile boolean due = true;
    private volatile boolean known;

    IdeaPageVersions(JdbcClient jdbc, @Value("${backchannel.ideas.page-version-check-interval}") Duration interval) {
        this.jdbc = jdbc;
        this.intervalNanos = interval.toNanos();
    }

    record Version(long stamp, long epoch) {}

    @Override
    public @Nullable Object version(String path) {
        var page = IDEA_PAGE.matcher(path);
        if (!page.matches()) {
            return null;
        }
        refreshWhenDue();
        Long stamp = stamps.get(Long.parseLong(page.group(1)));
        return stamp == null || !known ? null : new Version(stamp, epoch);
    }

    @Override
    public void written() {
        due = true;
    }

    /** One request reads while the others go on with what is known, except before the first reading. */
    private void refreshWhenDue() {
        if (known && !due && System.nanoTime() - readAt < intervalNanos) {
            return;
        }
        if (!known) {
            reading.lock();
        } else if (!reading.tryLock()) {
            return;
        }
        try {
            if (!known || due || System.nanoTime() - readAt >= intervalNanos) {
                read();
            }
        } finally {
            reading.unlock();
        }
    }

    private void read() {
        // Cleared before the query, so that a write committing while it runs asks for the next reading.
        due = false;
        long startedAt = System.nanoTime();
        try {
            long[] next = {horizon, epoch};
            jdbc.sql(
                            """
                            select e.version, pg_snapshot_xmin(pg_current_snapshot())::text::bigint,
                                   i.number, i.page_change
                            from ideas_page_epoch e left join ideas_idea i on i.page_change >= ?
                            """)
                    .param(horizon)
                    .query(rs -> {
                        next[1] = rs.getLong(1);
                        next[0] = rs.getLong(2);
                        long number = rs.getLong(3);
                        if (!rs.wasNull()) {
                            stamps.put(number, rs.getLong(4));
                        }
                    });
            epoch = next[1];
            horizon = next[0];
            readAt = startedAt;
            known = true;
        } catch (RuntimeException e) {
            // Without current stamps a kept page could be outdated: pages are rendered afresh until a reading works.
            known = false;
            due = true;
            log.warn("Could not read which idea pages changed; rendering them afresh meanwhile", e);
        }
    }
}
