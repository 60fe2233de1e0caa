package io.backchannel.channels.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Webhook connectors with their secrets, as deliveries need them, kept for a few seconds: at a thousand deliveries a
 * second, reading the row and decrypting the secret cost two transactions per post. A change made on this node is seen
 * by the next delivery ({@link Connectors} forgets the entry once its change commits); another node of a cluster sees it
 * within {@link #KEEP}.
 */
@Component
class WebhookTargets {

    static final Duration KEEP = Duration.ofSeconds(5);

    private final Map<UUID, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final Object[] firstLoads = new Object[32];

    WebhookTargets() {
        Arrays.setAll(firstLoads, i -> new Object());
    }

    /**
     * The connector and its secret (empty when it has none); {@code load} reads them when not held, or held too long.
     * One delivery reloads an entry held too long while the others go on with it: hundreds of deliveries waiting at
     * once must not all ask the database, for they would take every connection of the pool.
     */
    Optional<Target> find(UUID id, Instant now, Supplier<Optional<Target>> load) {
        Held entry = held.get(id);
        if (entry != null && (now.isBefore(entry.until()) || !entry.reloading().compareAndSet(false, true))) {
            return Optional.of(entry.target());
        }
        if (entry != null) {
            try {
                return load(id, now, load);
            } catch (RuntimeException e) {
                entry.reloading().set(false);
                throw e;
            }
        }
        synchronized (firstLoads[Math.floorMod(id.hashCode(), firstLoads.length)]) {
            Held loaded = held.get(id);
            return loaded != null ? Optional.of(loaded.target()) : load(id, now, load);
        }
    }

    private Optional<Target> load(UUID id, Instant now, Supplier<Optional<Target>> load) {
        long seen = changes.get();
        Optional<Target> loaded = load.get();
        // A change that committed while we read may have been read before it: keep nothing then.
        if (loaded.isPresent() && changes.get() == seen) {
            held.put(id, new Held(loaded.get(), now.plus(KEEP), new AtomicBoolean()));
        } else {
            held.remove(id);
        }
        return loaded;
    }

    /** Forgets the connector now and again after the running transaction ends, so no one reads its old state. */
    void changed(UUID id) {
        forget(id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget(id);
                }
            });
        }
    }

    private void forget(UUID id) {
        changes.incrementAndGet();
        held.remove(id);
    }

    record Target(Connector connector, String secret) {}

    private record Held(Target target, Instant until, AtomicBoolean reloading) {}
}
