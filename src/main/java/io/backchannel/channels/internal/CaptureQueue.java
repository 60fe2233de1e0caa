package io.backchannel.channels.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for posts pushed to us. Each webhook request hands its post here and waits; one writer stores all that
 * are waiting in a single transaction (the posts, their {@link io.backchannel.channels.PostsCaptured}, the connectors'
 * health) and answers them all once it committed, so an answer still means the post is safe. At a thousand deliveries
 * a second this turns a thousand transactions, each with its own flush to disk and its own event publication, into a
 * few dozen, and the inbox and the archive then take each batch as one. A batch that fails is stored again post by
 * post, so that one bad post fails alone.
 *
 * <p>A batch stays open for a moment (the linger) after its first post arrives. Without it, senders that keep a pool of
 * connections and wait for each answer (as webhook senders do) made batches of three or four posts: at 1,000 posts a
 * second that was 200 transactions, 400 event publications and 800 completions a second, on top of the posts.
 */
@Component
class CaptureQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaptureQueue.class);
    /** A batch also ends at this much payload, so that a burst of large posts does not fill the heap. */
    private static final long MAX_BATCH_BYTES = 8L << 20;

    private final Posts posts;
    private final Connectors connectors;
    private final TransactionTemplate transactions;
    private final BlockingQueue<Waiting> queue;
    private final int maxBatch;
    private final Duration patience;
    private final long lingerNanos;
    private volatile @Nullable Thread writer;

    CaptureQueue(
            Posts posts,
            Connectors connectors,
            TransactionTemplate transactions,
            @Value("${backchannel.channels.capture-batch-size:200}") int maxBatch,
            @Value("${backchannel.channels.capture-queue-size:5000}") int capacity,
            @Value("${backchannel.channels.capture-wait:30s}") Duration patience,
            @Value("${backchannel.channels.capture-linger:20ms}") Duration linger) {
        this.posts = posts;
        this.connectors = connectors;
        this.transactions = transactions;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.patience = patience;
        this.lingerNanos = linger.toNanos();
    }

    /**
     * Stores the post with others waiting at the same time; its id, or empty for a repeated delivery.
     *
     * @throws Busy when the queue is full, the node is stopping, or the store did not answer in time
     */
    Optional<UUID> capture(Connector connector, IncomingPost post) {
        var waiting = new Waiting(new Posts.Heard(connector, post), new CompletableFuture<>());
        if (writer == null || !queue.offer(waiting)) {
            throw new Busy();
        }
        try {
            return waiting.result().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private void write() {
        List<Waiting> batch = new ArrayList<>(maxBatch);
        while (writer == Thread.currentThread()) {
            try {
                Waiting first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long bytes = first.bytes();
                long closes = System.nanoTime() + lingerNanos;
                while (batch.size() < maxBatch && bytes < MAX_BATCH_BYTES) {
                    Waiting next = queue.poll(Math.max(0, closes - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    bytes += next.bytes();
                }
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void store(List<Waiting> batch) {
        try {
            List<Optional<UUID>> ids = Objects.requireNonNull(transactions.execute(tx -> {
                List<Optional<UUID>> stored =
                        posts.captureAll(batch.stream().map(Waiting::heard).toList());
                Instant now = Instant.now();
                batch.stream()
                        .map(waiting -> waiting.heard().connector().id())
                        .distinct()
                        .forEach(id -> connectors.heard(id, now));
                return stored;
            }));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(ids.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().result().completeExceptionally(e);
            } else {
                log.warn("Storing {} posts together failed ({}); storing them one by one", batch.size(), e.toString());
                batch.forEach(one -> store(List.of(one)));
            }
        }
    }

    @Override
    public void start() {
        Thread thread = Thread.ofPlatform().name("capture-queue").daemon().unstarted(this::write);
        writer = thread;
        thread.start();
    }

    /** Stops after the web server (a lower phase stops later), so that requests still running get their answer. */
    @Override
    public void stop() {
        Thread thread = writer;
        writer = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(patience.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Waiting left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new Busy());
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private record Waiting(Posts.Heard heard, CompletableFuture<Optional<UUID>> result) {

        long bytes() {
            return heard.post().payload().length;
        }
    }

    /** The post was not taken now; the sender should deliver it again later. */
    static class Busy extends RuntimeException {
        Busy() {
            super("The capture queue is full or stopping");
        }
    }
}
