package io.backchannel.archive.internal;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureOutcome;
import io.backchannel.archive.CaptureRefused;
import io.backchannel.archive.CaptureResult;
import io.backchannel.system.Groups;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.netpreserve.jwarc.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes captures into the archive in batches: look the items up, write their WARC records and force them to disk,
 * then commit their rows in one transaction of its own. A crash before the commit leaves bytes that no row names; the
 * next start cuts them off ({@link WarcStore#recover}), so every acknowledged record is on disk exactly once. The
 * search index follows after the commit and catches up from the database on the next start if it missed any.
 */
@Component
public class Archive {

    private static final Logger log = LoggerFactory.getLogger(Archive.class);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    static final int MAX_FIELD = 500;
    /** At most this many records in one transaction, so that a huge import does not hold one for long. */
    private static final int MAX_BATCH = 1000;

    private final JdbcClient jdbc;
    private final DataSource data;
    private final TransactionTemplate ownTransaction;
    private final WarcStore store;
    private final Checkpoints checkpoints;
    private final ArchiveIndex index;
    private final ArchiveSettings settings;
    private final SigningKey key;
    private final ReentrantLock writing = new ReentrantLock();
    /** Held while a file is rewritten in place (an erasure), and while a check reads the files. */
    private final ReentrantLock rewriting = new ReentrantLock();
    /**
     * Builds a batch's records while the writer copies its rows, and forces them to disk while it copies their entries:
     * a thread of its own, since a task in the shared pool could wait there behind work that blocks, and the writer
     * holds the lock meanwhile.
     */
    private final java.util.concurrent.ExecutorService building =
            java.util.concurrent.Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().name("archive-build").daemon().factory());
    /** Single captures from many threads, written together (a group commit led by one of their callers). */
    private final Groups<Waiting> singles = new Groups<>(MAX_BATCH, waiting -> 1, this::writeGroup);

    Archive(
            JdbcClient jdbc,
            DataSource data,
            PlatformTransactionManager transactions,
            WarcStore store,
            Checkpoints checkpoints,
            ArchiveIndex index,
            ArchiveSettings settings,
            SigningKey key) {
        this.jdbc = jdbc;
        this.data = data;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.store = store;
        this.checkpoints = checkpoints;
        this.index = index;
        this.settings = settings;
        this.key = key;
    }

    private record Head(long position, String link, WarcStore.@Nullable Location location) {}

    /** "Archive" in ASCII: the advisory lock that serialises writes to the chain. */
    private static final long CHAIN_LOCK = 0x41726368697665L;

    @PostConstruct
    void recover() {
        writing.lock();
        try {
            ownTransaction.executeWithoutResult(
                    status -> store.recover(lockedHead().location()));
            key.publish();
            catchUpIndex();
        } finally {
            writing.unlock();
        }
    }

    @PreDestroy
    void close() {
        building.shutdown();
    }

    /**
     * Runs {@code work} on the records acknowledged so far, named by where the last of them ends, while captures go on
     * after them: only an erasure, which rewrites a file in place, waits until the work is done.
     */
    <T> T uptoHead(java.util.function.Function<StoreVerifier.Bound, T> work) {
        rewriting.lock();
        try {
            StoreVerifier.Bound bound = jdbc.sql(
                            "select position, warc_file, warc_offset + warc_length from archive_entry"
                                    + " order by position desc limit 1")
                    .query((rs, row) -> new StoreVerifier.Bound(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                    .optional()
                    .orElse(StoreVerifier.Bound.EMPTY);
            return work.apply(bound);
        } finally {
            rewriting.unlock();
        }
    }

    /**
     * Indexes what the index missed (records acknowledged after its last commit, e.g. before a crash) from the
     * position it reached; only when it still disagrees with the database, or does not know its position (an index of
     * an older layout), is it rebuilt from scratch.
     */
    private void catchUpIndex() {
        long head = head();
        long indexed = index.indexedUpTo();
        if (indexed >= 0 && indexed < head) {
            try (var items = items(indexed)) {
                log.info("Archive: indexed {} records the search index missed", index.catchUp(items, head));
            }
        }
        long live = jdbc.sql("select count(*) from archive_item where erased_at is null")
                .query(Long.class)
                .single();
        if (indexed < 0 || index.count() != live) {
            log.info("Archive: rebuilding the search index ({} records, index had {})", live, index.count());
            rebuildIndex();
        }
    }

    private long head() {
        return jdbc.sql("select coalesce(max(position), 0) from archive_entry")
                .query(Long.class)
                .single();
    }

    public void rebuildIndex() {
        try (var items = items(0)) {
            index.rebuild(items, head());
        }
    }

    /** The live records after a chain position, in chain order; the stream holds its connection until closed. */
    private java.util.stream.Stream<ArchiveIndex.Item> items(long after) {
        return jdbc
                .sql("select id, platform, account, author, kind, language, said_at, text from archive_item"
                        + " where erased_at is null and position > ? order by position")
                .param(after)
                .query((rs, row) -> new ArchiveIndex.Item(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant(),
                        rs.getString(8)))
                .stream();
    }

    /**
     * Captures one item. Captures from many threads are written together (a group commit, see {@link Groups}); when a
     * group fails, each of its captures is written alone, so that one capture the database cannot take fails only its
     * own caller.
     */
    public CaptureOutcome capture(Capture capture) {
        Waiting mine = new Waiting(capture);
        singles.run(mine);
        return Objects.requireNonNull(mine.result).orThrow();
    }

    private void writeGroup(List<Waiting> group) {
        writing.lock();
        try {
            List<CaptureResult> results =
                    writeBatch(group.stream().map(waiting -> waiting.capture).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result = results.get(i);
            }
        } finally {
            writing.unlock();
        }
    }

    /** One result per capture, in order; see {@link io.backchannel.archive.ArchiveManagement#captureAll}. */
    public List<CaptureResult> captureAll(List<Capture> captures) {
        List<CaptureResult> results = new ArrayList<>(captures.size());
        writing.lock();
        try {
            for (int from = 0; from < captures.size(); from += MAX_BATCH) {
                results.addAll(writeBatch(captures.subList(from, Math.min(captures.size(), from + MAX_BATCH))));
            }
        } finally {
            writing.unlock();
        }
        return results;
    }

    /** A single capture and, once its group is written, its result. */
    private static final class Waiting {

        final Capture capture;

        volatile @Nullable CaptureResult result;

        Waiting(Capture capture) {
            this.capture = capture;
        }
    }

    private record Checked(int index, Capture capture, String digest) {

        Key key() {
            return new Key(capture.platform(), capture.sourceId());
        }
    }

    private record Key(String platform, String sourceId) {}

    /** What the archive holds of one source item: its first version of each digest, and its latest version. */
    private static final class Held {

        final Map<String, CaptureOutcome> byDigest = new HashMap<>();

        @Nullable
        UUID latest;

        int latestVersion;

        void add(String digest, CaptureOutcome outcome) {
            byDigest.putIfAbsent(
                    digest,
                    new CaptureOutcome(
                            outcome.recordId(),
                            CaptureOutcome.Result.ALREADY_HELD,
                            outcome.version(),
                            outcome.position()));
            if (outcome.version() > latestVersion) {
                latest = outcome.recordId();
                latestVersion = outcome.version();
            }
        }
    }

    private record Fresh(
            UUID id, Capture capture, int version, String digest, long position, WarcFormat.Written written) {}

    /**
     * Writes a batch under the write lock: one look-up for all its items, their WARC records appended and forced to
     * disk once, their rows inserted in one transaction; only then are they indexed and acknowledged.
     */
    private List<CaptureResult> writeBatch(List<Capture> captures) {
        CaptureResult[] results = new CaptureResult[captures.size()];
        List<Checked> accepted = new ArrayList<>();
        for (int i = 0; i < captures.size(); i++) {
            try {
                Capture checked = checked(captures.get(i));
                accepted.add(new Checked(i, checked, Hashes.sha256(checked.content())));
            } catch (CaptureRefused e) {
                results[i] = new CaptureResult.Refused(e.messageKey(), e.detail());
            }
        }
        List<Fresh> fresh = new ArrayList<>();
        List<WarcStore.Location> appended = new ArrayList<>();
        if (!accepted.isEmpty()) {
            try {
                ownTransaction.executeWithoutResult(status -> {
                    Head head = lockedHead();
                    Map<Key, Held> held = held(accepted);
                    long position = head.position();
                    List<Planned> planned = new ArrayList<>();
                    for (Checked item : accepted) {
                        Held known = held.computeIfAbsent(item.key(), key -> new Held());
                        CaptureOutcome same = known.byDigest.get(item.digest());
                        if (same != null) {
                            results[item.index()] = new CaptureResult.Archived(same);
                            continue;
                        }
                        UUID id = RecordIds.next();
                        int version = known.latestVersion + 1;
                        planned.add(new Planned(item, id, version, known.latest, ++position));
                        CaptureOutcome outcome = new CaptureOutcome(
                                id,
                                version == 1 ? CaptureOutcome.Result.NEW : CaptureOutcome.Result.NEW_VERSION,
                                version,
                                position);
                        known.add(item.digest(), outcome);
                        results[item.index()] = new CaptureResult.Archived(outcome);
                    }
                    if (planned.isEmpty()) {
                        return;
                    }
                    // The rows go in while the records are built and compressed beside them, so that the database
                    // and this process work at the same time; the rows' references to their entries are checked at
                    // commit (V28), when the entries are in too.
                    CompletableFuture<List<Fresh>> records =
                            CompletableFuture.supplyAsync(() -> records(planned, head.link()), building);
                    insertItems(planned);
                    fresh.addAll(joined(records));
                    appended.addAll(store.write(
                            fresh.stream().map(one -> one.written().gzip()).toList(), head.location()));
                    // The records go to disk while the entries are copied; the commit waits for both.
                    CompletableFuture<Void> forced = CompletableFuture.runAsync(store::force, building);
                    try {
                        insertEntries(fresh, appended);
                    } finally {
                        joined(forced);
                    }
                });
            } catch (RuntimeException e) {
                if (!appended.isEmpty()) {
                    store.takeBack(appended);
                }
                throw e;
            }
        }
        if (!fresh.isEmpty()) {
            checkpoints.afterWrite(fresh.getFirst().position(), fresh.getLast().position());
            index.addAll(
                    fresh.stream()
                            .map(one -> indexItem(one.id(), one.capture()))
                            .toList(),
                    fresh.getLast().position());
        }
        return Arrays.asList(results);
    }

    private record Planned(Checked item, UUID id, int version, @Nullable UUID previous, long position) {}

    private static <T> T joined(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The batch's WARC records: built and compressed side by side (the bulk of the work), linked into the chain one
     * after another in between.
     */
    private static List<Fresh> records(List<Planned> planned, String previousLink) {
        List<WarcFormat.Unsealed> unsealed = parallel(planned.stream(), planned.size())
                .map(plan -> unsealed(
                        plan.item().capture(),
                        plan.id(),
                        plan.version(),
                        plan.item().digest(),
                        plan.previous(),
                        plan.position()))
                .toList();
        String[] links = new String[planned.size()];
        String link = previousLink;
        for (int i = 0; i < links.length; i++) {
            link = unsealed.get(i).link(link);
            links[i] = link;
        }
        return parallel(java.util.stream.IntStream.range(0, links.length).boxed(), links.length)
                .map(i -> {
                    Planned plan = planned.get(i);
                    return new Fresh(
                            plan.id(),
                            plan.item().capture(),
                            plan.version(),
                            plan.item().digest(),
                            plan.position(),
                            unsealed.get(i).gzip(links[i]));
                })
                .toList();
    }

    /** The WARC record of one version of a capture, but for its link; {@code digest} is its content's SHA-256. */
    static WarcFormat.Unsealed unsealed(
            Capture capture, UUID id, int version, String digest, @Nullable UUID previous, long position) {
        return WarcFormat.unsealedItem(
                id,
                target(capture),
                capture.collectedAt(),
                capture.contentType(),
                capture.content(),
                fields(capture, version),
                digest,
                previous,
                position);
    }

    private static <T> java.util.stream.Stream<T> parallel(java.util.stream.Stream<T> stream, int size) {
        return size >= 32 ? stream.parallel() : stream;
    }

    /** Everything the archive holds of the batch's source items, in one query. */
    private Map<Key, Held> held(List<Checked> batch) {
        List<Key> keys = batch.stream().map(Checked::key).distinct().toList();
        Map<Key, Held> held = new HashMap<>();
        jdbc.sql("select i.platform, i.source_id, i.payload_digest, i.id, i.version, i.position from archive_item i"
                        + " join unnest(?::text[], ?::text[]) as k (platform, source_id)"
                        + " on i.platform = k.platform and i.source_id = k.source_id order by i.version")
                .params(array("text", keys, Key::platform), array("text", keys, Key::sourceId))
                .query(rs -> {
                    held.computeIfAbsent(new Key(rs.getString(1), rs.getString(2)), key -> new Held())
                            .add(
                                    rs.getString(3),
                                    new CaptureOutcome(
                                            rs.getObject(4, UUID.class),
                                            CaptureOutcome.Result.ALREADY_HELD,
                                            rs.getInt(5),
                                            rs.getLong(6)));
                });
        return held;
    }

    private record Stored(Fresh fresh, WarcStore.Location location) {}

    private static final CopyRows<Stored> ENTRIES = CopyRows.<Stored>into("archive_entry")
            .int8("position", one -> one.fresh().position())
            .uuid("warc_record_id", one -> one.fresh().id())
            .text("type", one -> "ITEM")
            .text("warc_file", one -> one.location().file())
            .int8("warc_offset", one -> one.location().offset())
            .int8("warc_length", one -> one.location().length())
            .text("record_digest", one -> one.fresh().written().recordDigest())
            .text("link", one -> one.fresh().written().link())
            .build();

    private static final CopyRows<Planned> ITEMS = CopyRows.<Planned>into("archive_item")
            .uuid("id", Planned::id)
            .int8("position", Planned::position)
            .text("platform", one -> one.item().capture().platform())
            .text("source_id", one -> one.item().capture().sourceId())
            .int4("version", Planned::version)
            .text("account", one -> one.item().capture().account())
            .text("author", one -> one.item().capture().author())
            .text("kind", one -> one.item().capture().kind().name())
            .text("language", one -> one.item().capture().language())
            .timestamp("said_at", one -> one.item().capture().saidAt())
            .text("url", one -> one.item().capture().url())
            .text("content_type", one -> one.item().capture().contentType())
            .text("text", one -> one.item().capture().text())
            .text("payload_digest", one -> one.item().digest())
            .int8("payload_length", one -> (long) one.item().capture().content().length)
            .text("collected_by", one -> one.item().capture().collectedBy())
            .text("collected_from", one -> one.item().capture().collectedFrom())
            .timestamp("collected_at", one -> one.item().capture().collectedAt())
            .text("method", one -> one.item().capture().method())
            .build();

    private void insertEntries(List<Fresh> fresh, List<WarcStore.Location> locations) {
        List<Stored> stored = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            stored.add(new Stored(fresh.get(i), locations.get(i)));
        }
        ENTRIES.copy(data, stored);
    }

    private void insertItems(List<Planned> planned) {
        ITEMS.copy(data, planned);
    }

    /** One column of {@code rows} as an SQL array, for joining many rows with {@code unnest}. */
    private static <T> SqlArrayValue array(
            String type, List<T> rows, java.util.function.Function<T, @Nullable Object> column) {
        return new SqlArrayValue(type, rows.stream().map(column).toArray());
    }

    private static ArchiveIndex.Item indexItem(UUID id, Capture capture) {
        return new ArchiveIndex.Item(
                id,
                capture.platform(),
                capture.account(),
                capture.author(),
                capture.kind().name(),
                capture.language(),
                capture.saidAt(),
                capture.text());
    }

    /**
     * The item vanished from its platform: a notice goes into the chain and every version is marked, none removed.
     * Returns false when the archive does not hold the item; marking it twice changes nothing.
     */
    public boolean markDeletedAtSource(String platform, String sourceId, Instant noticedAt, String noticedBy) {
        writing.lock();
        try {
            record Latest(UUID id, @Nullable Instant deleted) {}
            Optional<Latest> latest = jdbc.sql("select id, deleted_at_source from archive_item"
                            + " where platform = ? and source_id = ? order by version desc limit 1")
                    .params(platform, sourceId)
                    .query((rs, row) -> new Latest(
                            rs.getObject(1, UUID.class),
                            rs.getTimestamp(2) == null
                                    ? null
                                    : rs.getTimestamp(2).toInstant()))
                    .optional();
            if (latest.isEmpty()) {
                return false;
            }
            if (latest.get().deleted() != null) {
                return true;
            }
            UUID id = RecordIds.next();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Platform", platform);
            fields.put("Source-Id", sourceId);
            fields.put("Deleted-At-Source", noticedAt.toString());
            fields.put("Collected-By", limited(noticedBy));
            write(
                    (position, link) -> WarcFormat.notice(
                            id,
                            sourceUri(platform, sourceId),
                            Instant.now(),
                            "DELETED_AT_SOURCE",
                            latest.get().id(),
                            fields,
                            position,
                            link),
                    "DELETED_AT_SOURCE",
                    () -> jdbc.sql("update archive_item set deleted_at_source = ? where platform = ?"
                                    + " and source_id = ? and deleted_at_source is null")
                            .params(Timestamp.from(noticedAt), platform, sourceId)
                            .update());
            return true;
        } finally {
            writing.unlock();
        }
    }

    public void heldSourceIds(String platform, String account, Consumer<String> each) {
        try (var ids = jdbc
                .sql("select distinct source_id from archive_item where platform = ? and account = ?"
                        + " and method = 'import' and deleted_at_source is null")
                .params(platform.toLowerCase(Locale.ROOT), account)
                .withFetchSize(1000)
                .query((rs, row) -> rs.getString(1))
                .stream()) {
            ids.forEach(each);
        }
    }

    /**
     * Erases the record's content on request: its WARC record becomes a tombstone that keeps every header (so the
     * chain still verifies) and carries the erasure signed with the installation key; text and index entry go.
     * Refused while a case holds the record (a legal hold), and for a reason that is empty.
     */
    public void erase(UUID id, String reason, String erasedBy) {
        String why = limited(reason);
        if (why.isEmpty()) {
            throw new Refused("archive.erase.reason-required");
        }
        rewriting.lock();
        writing.lock();
        try {
            ownTransaction.executeWithoutResult(status -> {
                lockedHead();
                if (jdbc.sql("select count(*) from archive_case_record where item_id = ?")
                                .param(id)
                                .query(Long.class)
                                .single()
                        > 0) {
                    throw new Refused("archive.erase.held");
                }
                WarcStore.Location location = jdbc.sql("select e.warc_file, e.warc_offset, e.warc_length"
                                + " from archive_item i join archive_entry e on e.position = i.position"
                                + " where i.id = ? and i.erased_at is null")
                        .param(id)
                        .query((rs, row) -> new WarcStore.Location(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                        .optional()
                        .orElseThrow(() -> new Refused("archive.erase.unknown"));
                try {
                    WarcFormat.Entry entry = WarcFormat.parse(
                            new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(store.read(location)))
                                    .readAllBytes());
                    Instant erasedAt = Instant.now();
                    String signature = Signing.sign(
                            key.privateKey(), Signing.erasureMessage(id, entry.recordDigest(), erasedAt, why));
                    byte[] tombstone = WarcFormat.tombstone(entry, erasedAt, why, signature);
                    jdbc.sql("update archive_entry set warc_offset = warc_offset + ? where warc_file = ?"
                                    + " and warc_offset > ?")
                            .params(tombstone.length - location.length(), location.file(), location.offset())
                            .update();
                    jdbc.sql("update archive_entry set warc_length = ? where warc_record_id = ?")
                            .params(tombstone.length, id)
                            .update();
                    jdbc.sql("update archive_item set text = '', erased_at = ?, erasure_reason = ?, erased_by = ?"
                                    + " where id = ?")
                            .params(Timestamp.from(erasedAt), why, limited(erasedBy), id)
                            .update();
                    // Last, so that a refused update above leaves the file untouched.
                    store.replace(location, tombstone);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            index.remove(id);
        } finally {
            writing.unlock();
            rewriting.unlock();
        }
    }

    private interface Builder {
        WarcFormat.Written build(long position, String previousLink);
    }

    /**
     * Appends one record at the head of the chain, with {@code rows} written in the same transaction; the caller holds
     * the write lock.
     */
    private void write(Builder builder, String type, Runnable rows) {
        WarcStore.Location[] appended = new WarcStore.Location[1];
        long position;
        try {
            position = Objects.requireNonNull(ownTransaction.execute(status -> {
                Head head = lockedHead();
                long next = head.position() + 1;
                WarcFormat.Written written = builder.build(next, head.link());
                WarcStore.Location location =
                        store.append(List.of(written.gzip()), head.location()).getFirst();
                appended[0] = location;
                jdbc.sql("insert into archive_entry (position, warc_record_id, type, warc_file, warc_offset,"
                                + " warc_length, record_digest, link) values (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(
                                next,
                                written.id(),
                                type,
                                location.file(),
                                location.offset(),
                                location.length(),
                                written.recordDigest(),
                                written.link())
                        .update();
                rows.run();
                return next;
            }));
        } catch (RuntimeException e) {
            if (appended[0] != null) {
                store.takeBack(List.of(appended[0]));
            }
            throw e;
        }
        checkpoints.afterWrite(position, position);
    }

    /**
     * The head of the chain, read under a transaction-scoped advisory lock: every writer (another node, another
     * application context on the same database) waits here, so positions and file offsets are handed out one by one.
     */
    private Head lockedHead() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleValue();
        return jdbc.sql("select position, link, warc_file, warc_offset, warc_length from archive_entry"
                        + " order by position desc limit 1")
                .query((rs, row) -> new Head(
                        rs.getLong(1),
                        rs.getString(2),
                        new WarcStore.Location(rs.getString(3), rs.getLong(4), rs.getLong(5))))
                .optional()
                .orElse(new Head(0, Hashes.GENESIS, null));
    }

    private static Map<String, String> fields(Capture capture, int version) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Platform", capture.platform());
        fields.put("Source-Id", capture.sourceId());
        fields.put("Version", Integer.toString(version));
        fields.put("Account", capture.account());
        fields.put("Author", capture.author());
        fields.put("Kind", capture.kind().name());
        fields.put("Language", capture.language());
        fields.put("Said-At", capture.saidAt().toString());
        fields.put("Collected-By", capture.collectedBy());
        fields.put("Collected-From", capture.collectedFrom());
        fields.put("Collected-At", capture.collectedAt().toString());
        fields.put("Method", capture.method());
        return fields;
    }

    /** Refuses what the archive cannot keep faithfully, and tidies what it can (blank language, odd content type). */
    private Capture checked(Capture capture) {
        if (capture.content().length > settings.maxContent()) {
            throw new CaptureRefused(
                    "archive.refused.too-large",
                    capture.content().length + " bytes, at most " + settings.maxContent() + " allowed");
        }
        if (capture.text().length() > settings.maxContent()) {
            throw new CaptureRefused(
                    "archive.refused.too-large", "text of " + capture.text().length() + " chars");
        }
        for (String field : new String[] {capture.platform(), capture.sourceId()}) {
            if (WarcFormat.clean(field).isEmpty()) {
                throw new CaptureRefused("archive.refused.no-source", "platform and source id are required");
            }
        }
        String language = capture.language().strip().toLowerCase(Locale.ROOT);
        return new Capture(
                limited(capture.platform()).toLowerCase(Locale.ROOT),
                limited(capture.sourceId()),
                limited(capture.account()),
                limited(capture.author()),
                capture.kind(),
                LANGUAGE.matcher(language).matches() ? language : "und",
                capture.saidAt(),
                capture.url() == null ? null : limited(capture.url()),
                // PostgreSQL's text cannot hold NUL; the original bytes keep it.
                capture.text().replace("\u0000", ""),
                mediaType(capture.contentType()),
                capture.content(),
                limited(capture.collectedBy()),
                limited(capture.collectedFrom()),
                capture.collectedAt(),
                limited(capture.method()));
    }

    /**
     * The content type as a WARC header may carry it, or {@code application/octet-stream} when it does not parse. The
     * strict parser: the lenient one marks every result invalid, which once made every record octet-stream.
     */
    static String mediaType(String value) {
        return MEDIA_TYPES.get(value);
    }

    private static final Memo MEDIA_TYPES = new Memo(Archive::parsedMediaType);

    private static String parsedMediaType(String value) {
        try {
            return limited(MediaType.parse(value).toString());
        } catch (IllegalArgumentException e) {
            return "application/octet-stream";
        }
    }

    private static String limited(String value) {
        String clean = WarcFormat.clean(value);
        return clean.length() > MAX_FIELD ? clean.substring(0, MAX_FIELD) : clean;
    }

    private static URI target(Capture capture) {
        String url = capture.url();
        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
            try {
                return URI.create(url);
            } catch (IllegalArgumentException e) {
                // Not a valid URI: the record is addressed by its source id instead.
            }
        }
        return sourceUri(capture.platform(), capture.sourceId());
    }

    private static URI sourceUri(String platform, String sourceId) {
        return URI.create("urn:backchannel:" + encode(platform) + ":" + encode(sourceId));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
