package io.backchannel.channels.internal.imports;

import io.backchannel.system.ListPage;
import io.backchannel.system.SqlText;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Imports as jobs: each upload a row in {@code channels_import} that its progress, counts and first rejections are
 * written to while it runs on a background thread, so that staff can leave the page and come back. Imports run one
 * at a time (the archive writes one record at a time anyway). A restart leaves no import "running" forever: one whose
 * node stopped saying it is alive is marked failed as interrupted; running it again is safe, since the archive
 * recognises what it holds.
 */
@Service
public class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    static final char SEPARATOR = '\u001f';
    private static final long PROGRESS_EVERY_MILLIS = 500;

    private final JdbcClient jdbc;
    private final ImportRunner runner;
    private final ImportSettings settings;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("channels-import").daemon().factory());
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();

    ImportJobs(JdbcClient jdbc, ImportRunner runner, ImportSettings settings) {
        this.jdbc = jdbc;
        this.runner = runner;
        this.settings = settings;
    }

    /** The import's state; spelled out for the message keys {@code channels.import.state.*}. */
    public enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    /** Counts of one file of an upload. */
    public record FileRow(String path, int imported, int alreadyHeld, int newVersions, int rejected) {}

    /** One import as the pages and the command line show it. */
    public record Job(
            UUID id,
            String fileName,
            long fileSize,
            @Nullable String platform,
            @Nullable String account,
            State state,
            long bytesRead,
            long bytesTotal,
            int imported,
            int alreadyHeld,
            int newVersions,
            int rejected,
            int deletedAtSource,
            @Nullable String failureKey,
            List<String> failureArguments,
            List<FileRow> files,
            String startedBy,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt) {

        public int percent() {
            if (state == State.DONE) {
                return 100;
            }
            return bytesTotal <= 0 ? 0 : (int) Math.min(99, bytesRead * 100 / bytesTotal);
        }

        public boolean finished() {
            return state == State.DONE || state == State.FAILED;
        }
    }

    /** A filter of the list: state, platform and a text found in the file name or account. */
    public record Query(@Nullable State state, String platform, String q, int page) {}

    /**
     * Queues an upload for import; the file is moved into the imports directory and removed when the import ends.
     */
    public UUID submit(Path upload, String fileName, long size, @Nullable String account, String startedBy) {
        UUID id = create(fileName, size, startedBy);
        Path kept = settings.directory().resolve(id + ".upload");
        try {
            Files.createDirectories(settings.directory());
            Files.move(upload, kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        active.add(id);
        executor.submit(() -> {
            try {
                run(id, kept, fileName, account, tally -> {});
            } finally {
                deleteQuietly(kept);
            }
        });
        return id;
    }

    /** Imports the file now, on this thread (the command line); the file stays where it is. */
    public Job runNow(Path file, @Nullable String account, String startedBy, Consumer<ImportTally> progress) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UUID id = create(file.getFileName().toString(), size, startedBy);
        active.add(id);
        run(id, file, file.getFileName().toString(), account, progress);
        return find(id).orElseThrow();
    }

    private UUID create(String fileName, long size, String startedBy) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into channels_import (id, file_name, file_size, state, started_by) values (?, ?, ?, ?, ?)")
                .params(id, limited(fileName), size, State.QUEUED.name(), limited(startedBy))
                .update();
        return id;
    }

    private void run(UUID id, Path file, String fileName, @Nullable String account, Consumer<ImportTally> listener) {
        ImportTally tally = new ImportTally(settings.keptRejections());
        jdbc.sql("update channels_import set state = ?, started_at = now(), updated_at = now() where id = ?")
                .params(State.RUNNING.name(), id)
                .update();
        long[] last = {0};
        int[] written = {0};
        try {
            runner.run(file, fileName, account, tally, current -> {
                listener.accept(current);
                long now = System.currentTimeMillis();
                if (now - last[0] >= PROGRESS_EVERY_MILLIS) {
                    last[0] = now;
                    written[0] = save(id, current, State.RUNNING, null, written[0]);
                }
            });
            save(id, tally, State.DONE, null, written[0]);
        } catch (ImportRunner.Stopped e) {
            save(id, tally, State.FAILED, e, written[0]);
        } catch (RuntimeException e) {
            log.warn("Import {} failed", id, e);
            save(
                    id,
                    tally,
                    State.FAILED,
                    new ImportRunner.Stopped("channels.import.failed", String.valueOf(e.getMessage())),
                    written[0]);
        } finally {
            listener.accept(tally);
            active.remove(id);
        }
    }

    /** Writes the tally and the rejections not yet written; returns how many rejections are written now. */
    private int save(UUID id, ImportTally tally, State state, ImportRunner.@Nullable Stopped failure, int written) {
        ImportTally.FileCounts total = tally.total();
        Map<String, Map<String, Integer>> files = new LinkedHashMap<>();
        tally.files()
                .forEach((path, counts) -> files.put(
                        path,
                        Map.of(
                                "imported", counts.imported(),
                                "alreadyHeld", counts.alreadyHeld(),
                                "newVersions", counts.newVersions(),
                                "rejected", counts.rejected())));
        jdbc.sql("update channels_import set state = ?, platform = ?, account = ?, bytes_read = ?, bytes_total = ?,"
                        + " imported = ?, already_held = ?, new_versions = ?, rejected = ?, deleted_at_source = ?,"
                        + " failure_key = ?, failure_arguments = ?, files = ?, updated_at = now(),"
                        + " finished_at = case when ? then now() else finished_at end where id = ?")
                .params(
                        state.name(),
                        tally.platform(),
                        tally.account() == null ? null : limited(tally.account()),
                        tally.bytesRead(),
                        tally.bytesTotal(),
                        total.imported(),
                        total.alreadyHeld(),
                        total.newVersions(),
                        total.rejected(),
                        tally.deletedAtSource(),
                        failure == null ? null : failure.messageKey(),
                        failure == null ? null : joined(failure.arguments()),
                        JsonItems.MAPPER.writeValueAsString(files),
                        state == State.DONE || state == State.FAILED,
                        id)
                .update();
        List<ImportTally.Rejection> rejections = tally.rejections();
        for (int i = written; i < rejections.size(); i++) {
            ImportTally.Rejection rejection = rejections.get(i);
            jdbc.sql("insert into channels_import_rejection (import_id, seq, location, reason_key, arguments)"
                            + " values (?, ?, ?, ?, ?)")
                    .params(
                            id,
                            i,
                            limited(rejection.where()),
                            rejection.reasonKey(),
                            joined(rejection.arguments().toArray()))
                    .update();
        }
        return rejections.size();
    }

    public Optional<Job> find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?")
                .param(id)
                .query(ImportJobs::job)
                .optional();
    }

    public List<ImportTally.Rejection> rejections(UUID id) {
        return jdbc.sql("select location, reason_key, arguments from channels_import_rejection where import_id = ?"
                        + " order by seq")
                .param(id)
                .query((rs, row) -> new ImportTally.Rejection(rs.getString(1), rs.getString(2), split(rs.getString(3))))
                .list();
    }

    public ListPage<Job> list(Query query) {
        List<Object> params = new ArrayList<>();
        String where = where(query, params);
        long total = jdbc.sql("select count(*) from channels_import" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(ListPage.DEFAULT_SIZE);
        paged.add(ListPage.offset(query.page(), ListPage.DEFAULT_SIZE));
        List<Job> jobs = jdbc.sql(SELECT + where + " order by created_at desc limit ? offset ?")
                .params(paged)
                .query(ImportJobs::job)
                .list();
        return new ListPage<>(jobs, Math.max(1, query.page()), ListPage.DEFAULT_SIZE, total);
    }

    /** Every import the filter finds, newest first, for the CSV export. */
    public void each(Query query, Consumer<Job> each) {
        List<Object> params = new ArrayList<>();
        String where = where(query, params);
        try (var jobs =
                jdbc.sql(SELECT + where + " order by created_at desc").params(params).query(ImportJobs::job).stream()) {
            jobs.forEach(each);
        }
    }

    private static String where(Query query, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (query.state() != null) {
            conditions.add("state = ?");
            params.add(query.state().name());
        }
        if (!query.platform().isBlank()) {
            conditions.add("platform = ?");
            params.add(query.platform().strip());
        }
        if (!query.q().isBlank()) {
            conditions.add("(file_name ilike ? or account ilike ?)");
            String like = SqlText.containing(query.q().strip());
            params.add(like);
            params.add(like);
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** This node's imports are alive; tells so, so that another node's check does not take them for interrupted. */
    @Scheduled(fixedDelayString = "${backchannel.channels.import.heartbeat:30s}")
    void heartbeat() {
        for (UUID id : active) {
            jdbc.sql("update channels_import set updated_at = now() where id = ?")
                    .param(id)
                    .update();
        }
        markInterrupted();
    }

    /** Imports no node has spoken for in a while stopped with their node (a restart, a crash). */
    @EventListener(ApplicationReadyEvent.class)
    public void markInterrupted() {
        List<Object> params = new ArrayList<>();
        params.add(State.FAILED.name());
        params.add("channels.import.interrupted");
        StringBuilder sql = new StringBuilder("update channels_import set state = ?, failure_key = ?,"
                + " finished_at = now() where state in ('QUEUED', 'RUNNING')"
                + " and updated_at < now() - interval '2 minutes'");
        for (UUID id : active) {
            sql.append(" and id <> ?");
            params.add(id);
        }
        int marked = jdbc.sql(sql.toString()).params(params).update();
        if (marked > 0) {
            log.info("Imports: {} interrupted import(s) marked as failed", marked);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private static final String SELECT = "select id, file_name, file_size, platform, account, state, bytes_read,"
            + " bytes_total, imported, already_held, new_versions, rejected, deleted_at_source, failure_key,"
            + " failure_arguments, files, started_by, created_at, started_at, finished_at from channels_import";

    private static Job job(ResultSet rs, int row) throws SQLException {
        List<FileRow> files = new ArrayList<>();
        JsonNode tree = JsonItems.MAPPER.readTree(rs.getString(16));
        for (var entry : tree.properties()) {
            JsonNode counts = entry.getValue();
            files.add(new FileRow(
                    entry.getKey(),
                    counts.path("imported").asInt(),
                    counts.path("alreadyHeld").asInt(),
                    counts.path("newVersions").asInt(),
                    counts.path("rejected").asInt()));
        }
        return new Job(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                State.valueOf(rs.getString(6)),
                rs.getLong(7),
                rs.getLong(8),
                rs.getInt(9),
                rs.getInt(10),
                rs.getInt(11),
                rs.getInt(12),
                rs.getInt(13),
                rs.getString(14),
                rs.getString(15) == null ? List.of() : split(rs.getString(15)),
                files,
                rs.getString(17),
                rs.getTimestamp(18).toInstant(),
                instant(rs.getTimestamp(19)),
                instant(rs.getTimestamp(20)));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String joined(Object[] arguments) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < arguments.length; i++) {
            if (i > 0) {
                text.append(SEPARATOR);
            }
            text.append(String.valueOf(arguments[i]).replace(SEPARATOR, ' '));
        }
        return text.toString();
    }

    private static List<String> split(String arguments) {
        return arguments.isEmpty() ? List.of() : List.of(arguments.split(String.valueOf(SEPARATOR), -1));
    }

    private static String limited(String value) {
        String clean = value.replaceAll("[\\x00-\\x1f\\x7f]", " ");
        return clean.length() > 500 ? clean.substring(0, 500) : clean;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Imports: could not remove {}: {}", file, e.getMessage());
        }
    }
}
