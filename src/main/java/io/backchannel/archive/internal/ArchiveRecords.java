package io.backchannel.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What archivists see: search results with highlights, and a record with its versions and its proof. */
@Component
public class ArchiveRecords {

    public static final int PAGE = 50;

    public record Row(
            UUID id,
            String platform,
            String sourceId,
            int version,
            String account,
            String author,
            String kind,
            String language,
            Instant saidAt,
            @Nullable Instant deletedAtSource,
            String highlight) {}

    public record Found(long total, List<Row> rows) {}

    public record Version(UUID id, int version, String digest, Instant collectedAt) {}

    public record Detail(
            Row row,
            @Nullable String url,
            String contentType,
            String digest,
            long length,
            long position,
            String link,
            String file,
            long offset,
            String collectedBy,
            String collectedFrom,
            Instant collectedAt,
            String method,
            String text,
            @Nullable String original,
            boolean intact,
            @Nullable Instant erasedAt,
            @Nullable String erasureReason,
            List<Version> versions) {

        /** The digest as WARC headers write it. */
        public String labelledDigest() {
            return "sha256:" + digest;
        }

        /** Only web addresses become links; anything else a source claims (javascript:, data:) stays text. */
        public boolean linkable() {
            return url != null && (url.startsWith("https://") || url.startsWith("http://"));
        }
    }

    private final JdbcClient jdbc;
    private final ArchiveIndex index;
    private final WarcStore store;
    private final SigningKey key;

    ArchiveRecords(JdbcClient jdbc, ArchiveIndex index, WarcStore store, SigningKey key) {
        this.key = key;
        this.jdbc = jdbc;
        this.index = index;
        this.store = store;
    }

    private static final String COLUMNS = "i.id, i.platform, i.source_id, i.version, i.account, i.author, i.kind,"
            + " i.language, i.said_at, i.deleted_at_source";

    public Found search(ArchiveIndex.Query query) {
        ArchiveIndex.Result result = index.search(query);
        Map<UUID, String> highlights = result.hits().stream()
                .collect(Collectors.toMap(ArchiveIndex.Hit::id, ArchiveIndex.Hit::highlight, (a, b) -> a));
        if (highlights.isEmpty()) {
            return new Found(result.total(), List.of());
        }
        // An erasure on another node leaves the erased text in this node's index until the index is rebuilt; the
        // database knows, so an erased record is neither shown nor found by its words.
        List<Row> ordered =
                rows(result.hits().stream().map(ArchiveIndex.Hit::id).toList(), highlights, " and i.erased_at is null");
        return new Found(result.total(), ordered);
    }

    /** The records with these IDs in the order given (unknown IDs left out), without highlights. */
    public List<Row> rows(List<UUID> ids) {
        return rows(ids, Map.of(), "");
    }

    private List<Row> rows(List<UUID> ids, Map<UUID, String> highlights, String condition) {
        Map<UUID, Row> rows = jdbc
                .sql("select " + COLUMNS + " from archive_item i where i.id = any(?)" + condition)
                .param(ids.toArray(UUID[]::new))
                .query((rs, n) -> row(rs, highlights.getOrDefault(rs.getObject(1, UUID.class), "")))
                .list()
                .stream()
                .collect(Collectors.toMap(Row::id, Function.identity()));
        List<Row> ordered = new ArrayList<>();
        ids.forEach(id -> Optional.ofNullable(rows.get(id)).ifPresent(ordered::add));
        return ordered;
    }

    public List<String> platforms() {
        // A skip scan over the source index: a few look-ups instead of reading a million rows for a handful of names.
        return jdbc.sql("with recursive p (platform) as (select min(platform) from archive_item union all"
                        + " select (select min(platform) from archive_item where platform > p.platform) from p"
                        + " where p.platform is not null) select platform from p where platform is not null")
                .query(String.class)
                .list();
    }

    public Optional<Detail> detail(UUID id) {
        return jdbc.sql("select " + COLUMNS + ", i.url, i.content_type, i.payload_digest, i.payload_length,"
                        + " e.position, e.link, e.warc_file, e.warc_offset, e.warc_length, i.collected_by,"
                        + " i.collected_from, i.collected_at, i.method, i.text, i.erased_at, i.erasure_reason"
                        + " from archive_item i join archive_entry e on e.position = i.position where i.id = ?")
                .param(id)
                .query((rs, n) -> {
                    WarcStore.Location location =
                            new WarcStore.Location(rs.getString(17), rs.getLong(18), rs.getLong(19));
                    String contentType = rs.getString(12);
                    Read read = read(location, contentType);
                    return new Detail(
                            row(rs, ""),
                            rs.getString(11),
                            contentType,
                            rs.getString(13),
                            rs.getLong(14),
                            rs.getLong(15),
                            rs.getString(16),
                            location.file(),
                            location.offset(),
                            rs.getString(20),
                            rs.getString(21),
                            rs.getTimestamp(22).toInstant(),
                            rs.getString(23),
                            rs.getString(24),
                            read.text(),
                            read.intact(),
                            rs.getTimestamp(25) == null
                                    ? null
                                    : rs.getTimestamp(25).toInstant(),
                            rs.getString(26),
                            versions(rs.getString(2), rs.getString(3)));
                })
                .optional();
    }

    private List<Version> versions(String platform, String sourceId) {
        return jdbc.sql("select id, version, payload_digest, collected_at from archive_item"
                        + " where platform = ? and source_id = ? order by version")
                .params(platform, sourceId)
                .query((rs, n) -> new Version(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    private record Read(@Nullable String text, boolean intact) {}

    /** The record's bytes as they are in the WARC file now, and whether they still match their digest. */
    private Read read(WarcStore.Location location, String contentType) {
        try {
            InputStream inflated = new GZIPInputStream(new java.io.ByteArrayInputStream(store.read(location)));
            WarcFormat.Entry entry = WarcFormat.parse(inflated.readAllBytes());
            boolean intact = StoreVerifier.content(entry, key.publicKey()) == null;
            return new Read(textual(contentType) && !entry.erased() ? utf8(entry.block()) : null, intact);
        } catch (IOException | RuntimeException e) {
            return new Read(null, false);
        }
    }

    private static boolean textual(String contentType) {
        return contentType.startsWith("text/") || contentType.contains("json") || contentType.contains("xml");
    }

    private static @Nullable String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Row row(java.sql.ResultSet rs, @Nullable String highlight) throws java.sql.SQLException {
        java.sql.Timestamp deleted = rs.getTimestamp(10);
        return new Row(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getTimestamp(9).toInstant(),
                deleted == null ? null : deleted.toInstant(),
                highlight == null ? "" : highlight);
    }
}
