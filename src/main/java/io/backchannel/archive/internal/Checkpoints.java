package io.backchannel.archive.internal;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs "the chain up to position n ends in link l" every {@code checkpoint-every} records and on a schedule, into the
 * database and into {@code checkpoints.txt} beside the WARC files. A signed checkpoint pins every record before it:
 * rewriting them, even with freshly computed links, no longer matches the signature.
 */
@Component
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    public record Checkpoint(long position, String link, Instant signedAt, String signature, String keyFingerprint) {

        /**
         * The checkpoint as {@code checkpoints.txt} and an evidence package's {@code proof/checkpoint.txt} hold it, and
         * as a time-stamp's imprint covers it: position, link, time and signature.
         */
        String line() {
            return position + " " + link + " " + signedAt + " " + signature;
        }
    }

    private static final String SELECT =
            "select position, link, signed_at, signature, key_fingerprint from archive_checkpoint";

    private final JdbcClient jdbc;
    private final SigningKey key;
    private final ArchiveSettings settings;
    /** Signs the checkpoints that writes asked for, one after another; see {@link #afterWrite}. */
    private final ExecutorService signing = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("archive-checkpoint").daemon().factory());
    /** A checkpoint was asked for and has not started yet: asking again adds nothing. */
    private final AtomicBoolean requested = new AtomicBoolean();

    Checkpoints(JdbcClient jdbc, SigningKey key, ArchiveSettings settings) {
        this.jdbc = jdbc;
        this.key = key;
        this.settings = settings;
    }

    /**
     * Signs, soon, after a write of the positions {@code first} to {@code last} that reached a multiple of the interval.
     * The signing (a look-up, a signature, a line forced to {@code checkpoints.txt} and a row committed) runs on a
     * thread of its own: it was a tenth of the time of a batch written under the write lock, and nothing acknowledged
     * depends on it. A crash before it runs leaves that checkpoint out; the next one, or the hourly one, signs a head
     * after it, which pins every record before it just the same.
     */
    void afterWrite(long first, long last) {
        if ((first - 1) / settings.checkpointEvery() != last / settings.checkpointEvery()
                && requested.compareAndSet(false, true)) {
            signing.execute(() -> {
                requested.set(false);
                try {
                    checkpoint();
                } catch (RuntimeException e) {
                    log.error("Archive: could not sign a checkpoint after position {}", last, e);
                }
            });
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        signing.shutdown();
        signing.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** Signs the current head unless it is signed already; returns the newest checkpoint. */
    @Scheduled(
            fixedDelayString = "${backchannel.archive.checkpoint-interval:1h}",
            initialDelayString = "${backchannel.archive.checkpoint-interval:1h}")
    public synchronized Optional<Checkpoint> checkpoint() {
        var head = jdbc.sql("select position, link from archive_entry order by position desc limit 1")
                .query((rs, row) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long position = (Long) head.get()[0];
        String link = (String) head.get()[1];
        Optional<Checkpoint> latest = latest();
        if (latest.isPresent() && latest.get().position() >= position) {
            return latest;
        }
        Instant signedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String signature = Signing.sign(key.privateKey(), Signing.checkpointMessage(position, link, signedAt));
        Checkpoint signed = new Checkpoint(position, link, signedAt, signature, key.fingerprint());
        append(signed.line() + "\n");
        jdbc.sql("insert into archive_checkpoint (position, link, signed_at, signature, key_fingerprint)"
                        + " values (?, ?, ?, ?, ?) on conflict (position) do nothing")
                .params(position, link, Timestamp.from(signedAt), signature, signed.keyFingerprint())
                .update();
        return latest();
    }

    public Optional<Checkpoint> latest() {
        return jdbc.sql(SELECT + " order by position desc limit 1")
                .query(Checkpoints::row)
                .optional();
    }

    Optional<Checkpoint> at(long position) {
        return jdbc.sql(SELECT + " where position = ?")
                .param(position)
                .query(Checkpoints::row)
                .optional();
    }

    private static Checkpoint row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Checkpoint(
                rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5));
    }

    private void append(String line) {
        try (FileChannel out = FileChannel.open(
                settings.directory().resolve(StoreVerifier.CHECKPOINTS),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
