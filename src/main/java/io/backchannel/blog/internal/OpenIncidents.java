package io.backchannel.blog.internal;

import io.backchannel.blog.IncidentUpdated;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The open incidents for the banner on every public page, kept in memory: a page view costs a volatile read, never a
 * query. An incident changed on this node is seen at the next page view (the change's event marks the copy stale
 * after its commit); one changed on another node within the refresh interval. While one request reloads, the others
 * keep showing the previous copy; a failed reload keeps it too and is tried again after the interval.
 */
@Component
public class OpenIncidents {

    private static final Logger log = LoggerFactory.getLogger(OpenIncidents.class);

    private final Incidents incidents;
    private final long maxAgeNanos;
    private final ReentrantLock loading = new ReentrantLock();
    // Counts the changes heard on this node: a copy loaded before the latest change is stale whatever its age.
    private final AtomicLong changes = new AtomicLong();
    private volatile @Nullable Snapshot snapshot;

    OpenIncidents(Incidents incidents, @Value("${backchannel.blog.incident-banner-refresh}") Duration refresh) {
        this.incidents = incidents;
        this.maxAgeNanos = refresh.toNanos();
    }

    private record Snapshot(List<Incident> incidents, long loadedAt, long changes) {}

    /** The open incidents, newest first. */
    public List<Incident> current() {
        Snapshot current = snapshot;
        if (current != null && fresh(current)) {
            return current.incidents();
        }
        if (current == null) {
            loading.lock();
        } else if (!loading.tryLock()) {
            return current.incidents();
        }
        try {
            current = snapshot;
            if (current == null || !fresh(current)) {
                current = load(current);
                snapshot = current;
            }
            return current.incidents();
        } finally {
            loading.unlock();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IncidentUpdated updated) {
        changes.incrementAndGet();
    }

    private boolean fresh(Snapshot copy) {
        return copy.changes() == changes.get() && System.nanoTime() - copy.loadedAt() < maxAgeNanos;
    }

    private Snapshot load(@Nullable Snapshot previous) {
        long seen = changes.get();
        long now = System.nanoTime();
        try {
            return new Snapshot(incidents.open(), now, seen);
        } catch (RuntimeException e) {
            log.warn("Could not load the open incidents for the banner; showing the previous ones", e);
            return new Snapshot(previous == null ? List.of() : previous.incidents(), now, seen);
        }
    }
}
