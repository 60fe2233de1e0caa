package io.backchannel.archive.internal;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureOutcome;
import io.backchannel.archive.CaptureRefused;
import jakarta.annotation.PostConstruct;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.netpreserve.jwarc.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes captures into the archive, one at a time: look the item up, write its WARC record and force it to disk,
 * then commit the row in a transaction of its own. A crash before the commit leaves bytes that no row names; the
 * next start cuts them off ({@link WarcStore#recover}), so every acknowledged record is on disk exactly once.
 */
@Component
public class Archive {

    private static final Logger log = LoggerFactory.getLogger(Archive.class);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    static final int MAX_FIELD = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final WarcStore store;
    private final Checkpoints checkpoints;
    private final ArchiveIndex index;
    private final ArchiveSettings settings;
    private final SigningKey key;
    private final ReentrantLock writing = new ReentrantLock();

    Archive(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            WarcStore store,
            Checkpoints checkpoints,
            ArchiveIndex index,
            ArchiveSettings settings,
            SigningKey key) {
        this.jdbc = jdbc;
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
            long items = jdbc.sql("select count(*) from archive_item")
                    .query(Long.class)
                    .single();
            if (index.count() != items) {
                log.info("Archive: rebuilding the search index ({} records, index had {})", items, index.count());
                rebuildIndex();
            }
        } finally {
            writing.unlock();
        }
    }

    /**
     * Runs {@code work} while no record is being written, here or by another node, so that it sees only whole,
     * acknowledged records.
     */
    <T> T whileNotWriting(java.util.function.Supplier<T> work) {
        writing.lock();
        try {
            return ownTransaction.execute(status -> {
                lockedHead();
                return work.get();
            });
        } finally {
            writing.unlock();
        }
    }

    public void rebuildIndex() {
        // A query's stream holds its connection until closed.
        try (var items = jdbc
                .sql("select id, platform, account, author, kind, language, said_at, text from archive_item"
                        + " where erased_at is null")
                .query((rs, row) -> new ArchiveIndex.Item(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant(),
                        rs.getString(8)))
                .stream()) {
            index.rebuild(items);
        }
    }

    public CaptureOutcome capture(Capture capture) {
        Capture checked = checked(capture);
        String digest = Hashes.sha256(checked.content());
        writing.lock();
        try {
            Optional<CaptureOutcome> held = jdbc.sql("select id, version, position from archive_item"
                            + " where platform = ? and source_id = ? and payload_digest = ? order by version limit 1")
                    .params(checked.platform(), checked.sourceId(), digest)
                    .query((rs, row) -> new CaptureOutcome(
                            rs.getObject(1, UUID.class),
                            CaptureOutcome.Result.ALREADY_HELD,
                            rs.getInt(2),
                            rs.getLong(3)))
                    .optional();
            if (held.isPresent()) {
                return held.get();
            }
            record Previous(UUID id, int version) {}
            Previous previous = jdbc.sql("select id, version from archive_item where platform = ? and source_id = ?"
                            + " order by version desc limit 1")
                    .params(checked.platform(), checked.sourceId())
                    .query((rs, row) -> new Previous(rs.getObject(1, UUID.class), rs.getInt(2)))
                    .optional()
                    .orElse(null);
            int version = previous == null ? 1 : previous.version() + 1;
            UUID id = UUID.randomUUID();
            Map<String, String> fields = fields(checked, version);
            CaptureOutcome outcome = write(
                    (position, link) -> WarcFormat.item(
                            id,
                            target(checked),
                            checked.collectedAt(),
                            checked.contentType(),
                            checked.content(),
                            fields,
                            previous == null ? null : previous.id(),
                            position,
                            link),
                    "ITEM",
                    written -> insertItem(id, written, checked, version, digest),
                    position -> new CaptureOutcome(
                            id,
                            previous == null ? CaptureOutcome.Result.NEW : CaptureOutcome.Result.NEW_VERSION,
                            version,
                            position));
            index.add(new ArchiveIndex.Item(
                    id,
                    checked.platform(),
                    checked.account(),
                    checked.author(),
                    checked.kind().name(),
                    checked.language(),
                    checked.saidAt(),
                    checked.text()));
            return outcome;
        } finally {
            writing.unlock();
        }
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
            UUID id = UUID.randomUUID();
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
                    written -> jdbc.sql("update archive_item set deleted_at_source = ? where platform = ?"
                                    + " and source_id = ? and deleted_at_source is null")
                            .params(Timestamp.from(noticedAt), platform, sourceId)
                            .update(),
                    position -> position);
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
        }
    }

    private interface Builder {
        WarcFormat.Written build(long position, String previousLink);
    }

    private interface Rows {
        void insert(WarcFormat.Written written);
    }

    private interface Outcome<T> {
        T of(long position);
    }

    /** Appends one record at the head of the chain; the caller holds the write lock. */
    private <T> T write(Builder builder, String type, Rows rows, Outcome<T> outcome) {
        WarcStore.Location[] appended = new WarcStore.Location[1];
        long position;
        try {
            position = Objects.requireNonNull(ownTransaction.execute(status -> {
                Head head = lockedHead();
                long next = head.position() + 1;
                WarcFormat.Written written = builder.build(next, head.link());
                WarcStore.Location location = store.append(written.gzip(), head.location());
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
                rows.insert(written);
                return next;
            }));
        } catch (RuntimeException e) {
            if (appended[0] != null) {
                store.takeBack(appended[0]);
            }
            throw e;
        }
        checkpoints.afterWrite(position);
        return outcome.of(position);
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

    private void insertItem(UUID id, WarcFormat.Written written, Capture capture, int version, String digest) {
        jdbc.sql("insert into archive_item (id, position, platform, source_id, version, account, author, kind,"
                        + " language, said_at, url, content_type, text, payload_digest, payload_length, collected_by,"
                        + " collected_from, collected_at, method)"
                        + " select ?, position, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + " from archive_entry where warc_record_id = ?")
                .params(
                        id,
                        capture.platform(),
                        capture.sourceId(),
                        version,
                        capture.account(),
                        capture.author(),
                        capture.kind().name(),
                        capture.language(),
                        Timestamp.from(capture.saidAt()),
                        capture.url(),
                        capture.contentType(),
                        capture.text(),
                        digest,
                        (long) capture.content().length,
                        capture.collectedBy(),
                        capture.collectedFrom(),
                        Timestamp.from(capture.collectedAt()),
                        capture.method(),
                        written.id())
                .update();
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
        MediaType type = MediaType.parseLeniently(capture.contentType());
        return new Capture(
                limited(capture.platform()).toLowerCase(Locale.ROOT),
                limited(capture.sourceId()),
                limited(capture.account()),
                limited(capture.author()),
                capture.kind(),
                LANGUAGE.matcher(language).matches() ? language : "und",
                capture.saidAt(),
                capture.url() == null ? null : limited(capture.url()),
                capture.text(),
                type.isValid() ? limited(type.toString()) : "application/octet-stream",
                capture.content(),
                limited(capture.collectedBy()),
                limited(capture.collectedFrom()),
                capture.collectedAt(),
                limited(capture.method()));
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
