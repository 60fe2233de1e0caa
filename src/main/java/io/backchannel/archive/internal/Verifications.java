package io.backchannel.archive.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The same check as {@code archive verify}, run on a schedule inside the application or started from the archive
 * page, plus what only the database knows: every acknowledged record must still be in the files with its ID and link,
 * so that records cut off the end of the chain (after the last checkpoint) are found too. A check reads every record,
 * about half a minute per million, so it runs in the background and shows its progress; the last result shows on the
 * archive page.
 */
@Component
public class Verifications {

    private static final Logger log = LoggerFactory.getLogger(Verifications.class);

    public record Verification(Instant finishedAt, boolean ok, long records, String report) {}

    /** A check under way on this node: the records read from the files so far, of the records it checks. */
    public static final class Progress {

        private final LongAdder read = new LongAdder();
        private volatile long total;

        public long read() {
            return read.sum();
        }

        public long total() {
            return total;
        }

        public int percent() {
            return total <= 0 ? 0 : (int) Math.min(100, read() * 100 / total);
        }
    }

    private final JdbcClient jdbc;
    private final Archive archive;
    private final ArchiveSettings settings;
    private final AtomicReference<@Nullable Progress> running = new AtomicReference<>();

    Verifications(JdbcClient jdbc, Archive archive, ArchiveSettings settings) {
        this.jdbc = jdbc;
        this.archive = archive;
        this.settings = settings;
    }

    @Scheduled(
            fixedDelayString = "${backchannel.archive.verify-interval:6h}",
            initialDelayString = "${backchannel.archive.verify-interval:6h}")
    void scheduled() {
        start();
    }

    /** Starts a check in the background; false when one is running on this node already. */
    public boolean start() {
        return start(() -> {});
    }

    /** {@code whileChecking} runs once the check knows where it ends, before it reads the files. */
    boolean start(Runnable whileChecking) {
        Progress progress = new Progress();
        if (!running.compareAndSet(null, progress)) {
            return false;
        }
        Thread.ofVirtual().name("archive-verification").start(() -> {
            try {
                verify(progress, whileChecking);
            } catch (RuntimeException e) {
                log.error("The archive's verification could not run", e);
                record(new Verification(Instant.now(), false, 0, "The check could not run: " + e.getMessage()));
            } finally {
                running.set(null);
            }
        });
        return true;
    }

    public Optional<Progress> running() {
        return Optional.ofNullable(running.get());
    }

    Verification verify() {
        return verify(() -> {});
    }

    Verification verify(Runnable whileChecking) {
        return verify(new Progress(), whileChecking);
    }

    private Verification verify(Progress progress, Runnable whileChecking) {
        StoreVerifier.Report report = archive.uptoHead(bound -> {
            progress.total = bound.position();
            whileChecking.run();
            return check(bound, progress.read);
        });
        return record(new Verification(Instant.now(), report.ok(), report.records(), report.text()));
    }

    private Verification record(Verification verification) {
        jdbc.sql("insert into archive_verification (finished_at, ok, records, report) values (?, ?, ?, ?)")
                .params(
                        java.sql.Timestamp.from(verification.finishedAt()),
                        verification.ok(),
                        verification.records(),
                        verification.report())
                .update();
        return verification;
    }

    public Optional<Verification> last() {
        return jdbc.sql("select finished_at, ok, records, report from archive_verification order by id desc limit 1")
                .query((rs, row) -> new Verification(
                        rs.getTimestamp(1).toInstant(), rs.getBoolean(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }

    private StoreVerifier.Report check(StoreVerifier.Bound bound, LongAdder read) {
        try {
            StoreVerifier.Report files = StoreVerifier.verify(settings.directory(), bound, read);
            Map<Long, StoreVerifier.Located> found = files.located().stream()
                    .collect(Collectors.toMap(
                            located -> located.entry().position(), Function.identity(), (first, second) -> first));
            List<StoreVerifier.Finding> findings = new ArrayList<>(files.findings());
            jdbc.sql("select position, warc_record_id, link from archive_entry where position <= ? order by position")
                    .param(bound.position())
                    .query(rs -> {
                        long position = rs.getLong(1);
                        StoreVerifier.Located located = found.get(position);
                        boolean named = findings.stream().anyMatch(finding -> finding.position() == position);
                        if (named) {
                            return;
                        }
                        if (located == null) {
                            findings.add(new StoreVerifier.Finding(
                                    StoreVerifier.Problem.MISSING, position, "", "acknowledged but not in the files"));
                        } else if (!located.entry().id().toString().equals(rs.getString(2))
                                || !located.entry().claimedLink().equals(rs.getString(3))) {
                            findings.add(new StoreVerifier.Finding(
                                    StoreVerifier.Problem.ALTERED,
                                    position,
                                    located.file() + " at offset " + located.offset(),
                                    "differs from the record acknowledged at this position"));
                        }
                    });
            // What foreign keys checked on every commit until V30, checked here instead: an item row names the record
            // at its position.
            jdbc.sql("select i.position from archive_item i left join archive_entry e on e.position = i.position"
                            + " where i.position <= ? and (e.position is null or e.warc_record_id <> i.id)"
                            + " order by i.position")
                    .param(bound.position())
                    .query(Long.class)
                    .list()
                    .forEach(position -> findings.add(new StoreVerifier.Finding(
                            StoreVerifier.Problem.MISSING,
                            position,
                            "archive_item",
                            "the row names another record than the chain holds at this position")));
            return new StoreVerifier.Report(
                    files.records(),
                    files.lastPosition(),
                    files.lastLink(),
                    files.checkpoints(),
                    files.keyFingerprint(),
                    findings,
                    List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
