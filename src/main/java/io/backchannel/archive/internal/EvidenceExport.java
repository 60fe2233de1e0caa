package io.backchannel.archive.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * An evidence package in WACZ form: the records' WARC bytes exactly as stored (so their digests and chain headers
 * still hold), a CDXJ index, pages, {@code datapackage.json} with the SHA-256 of every file, and the proof: the chain
 * from the first exported record up to a checkpoint signed with the installation's key, plus a readable report.
 */
@Component
public class EvidenceExport {

    private static final DateTimeFormatter WARC_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final WarcStore store;
    private final Checkpoints checkpoints;
    private final SigningKey key;
    private final MessageSource messages;
    private final PdfReport pdf;
    private final Timestamps timestamps;

    EvidenceExport(
            JdbcClient jdbc,
            WarcStore store,
            Checkpoints checkpoints,
            SigningKey key,
            MessageSource messages,
            PdfReport pdf,
            Timestamps timestamps) {
        this.jdbc = jdbc;
        this.store = store;
        this.checkpoints = checkpoints;
        this.key = key;
        this.messages = messages;
        this.pdf = pdf;
        this.timestamps = timestamps;
    }

    private record Exported(
            UUID id,
            long position,
            String file,
            long offset,
            long length,
            String platform,
            String sourceId,
            int version,
            String author,
            String url,
            Instant saidAt,
            String digest,
            String collectedBy,
            String collectedFrom,
            Instant collectedAt,
            String method) {}

    /** Every version of the item that holds this record. */
    public List<UUID> versionsOf(UUID id) {
        return jdbc.sql("select v.id from archive_item v join archive_item i"
                        + " on i.platform = v.platform and i.source_id = v.source_id where i.id = ? order by v.version")
                .param(id)
                .query(UUID.class)
                .list();
    }

    /** The readable report alone, as a PDF, for the records with these ids. */
    public byte[] pdfReport(List<UUID> ids, Locale locale) {
        List<Exported> records = exported(ids);
        Checkpoints.Checkpoint checkpoint = proofCheckpoint(records);
        return pdf.render(report(records, checkpoint, timestamps.stamp(checkpoint.position()), locale), locale);
    }

    public void write(List<UUID> ids, Locale locale, OutputStream target) {
        List<Exported> records = exported(ids);
        Checkpoints.Checkpoint checkpoint = proofCheckpoint(records);
        Map<String, byte[]> files = new LinkedHashMap<>();
        ByteArrayOutputStream warc = new ByteArrayOutputStream();
        StringBuilder cdx = new StringBuilder();
        StringBuilder pages = new StringBuilder("{\"format\": \"json-pages-1.0\", \"id\": \"pages\"}\n");
        for (Exported record : records) {
            long offset = warc.size();
            warc.writeBytes(bytes(record));
            String url = record.url().isEmpty() ? "urn:backchannel:" + record.id() : record.url();
            String time = WARC_TIME.format(record.collectedAt());
            cdx.append(url)
                    .append(' ')
                    .append(time)
                    .append(" {\"url\": ")
                    .append(json(url))
                    .append(", \"digest\": \"sha256:")
                    .append(record.digest())
                    .append("\", \"offset\": ")
                    .append(offset)
                    .append(", \"length\": ")
                    .append(record.length())
                    .append(", \"filename\": \"data.warc.gz\"}\n");
            pages.append("{\"url\": ")
                    .append(json(url))
                    .append(", \"ts\": \"")
                    .append(record.collectedAt())
                    .append("\", \"title\": ")
                    .append(json(record.platform() + " " + record.sourceId() + " v" + record.version()))
                    .append("}\n");
        }
        files.put("archive/data.warc.gz", warc.toByteArray());
        files.put("indexes/index.cdx", utf8(cdx.toString()));
        files.put("pages/pages.jsonl", utf8(pages.toString()));
        files.put("proof/chain.txt", utf8(chain(records, checkpoint)));
        files.put("proof/checkpoint.txt", utf8(checkpoint.line() + "\n"));
        files.put("proof/signing-key.pub", utf8(key.publicKeyBase64() + "\n"));
        Optional<Timestamps.Stamp> stamp = timestamps.stamp(checkpoint.position());
        stamp.ifPresent(it -> files.put(BundleVerifier.TIMESTAMP, it.token()));
        EvidenceReport report = report(records, checkpoint, stamp, locale);
        files.put("report.html", utf8(html(report, locale)));
        files.put("report.pdf", pdf.render(report, locale));
        files.put("datapackage.json", utf8(datapackage(files)));
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                if (file.getKey().endsWith(".warc.gz")) {
                    // Already compressed record by record; WACZ readers seek into it, so it is stored as it is.
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(file.getValue().length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(file.getValue());
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Position, record digest and link of every record from just before the first exported one up to the signed
     * checkpoint: with them anyone can recompute the chain from the exported records to the signed link.
     */
    private String chain(List<Exported> records, Checkpoints.Checkpoint checkpoint) {
        StringBuilder out = new StringBuilder("# position record-digest link\n");
        if (records.isEmpty()) {
            return out.toString();
        }
        jdbc.sql("select position, record_digest, link from archive_entry where position between ? and ?"
                        + " order by position")
                .params(records.getFirst().position() - 1, checkpoint.position())
                .query(rs -> {
                    out.append(rs.getLong(1))
                            .append(' ')
                            .append(rs.getString(2))
                            .append(' ')
                            .append(rs.getString(3))
                            .append('\n');
                });
        return out.toString();
    }

    private String datapackage(Map<String, byte[]> files) {
        List<String> resources = new ArrayList<>();
        files.forEach((path, bytes) -> resources.add("{\"name\": " + json(path.substring(path.lastIndexOf('/') + 1))
                + ", \"path\": " + json(path) + ", \"hash\": \"sha256:" + Hashes.sha256(bytes) + "\", \"bytes\": "
                + bytes.length + "}"));
        return "{\"profile\": \"data-package\", \"wacz_version\": \"1.1.1\", \"software\": \"Backchannel\","
                + " \"created\": \"" + Instant.now() + "\", \"resources\": [\n  " + String.join(",\n  ", resources)
                + "\n]}\n";
    }

    /**
     * The checkpoint the proof leads to: a time-stamped one that covers every exported record, which proves them with
     * the authority's time as well, else the newest (signed now if the head is not signed yet).
     */
    private Checkpoints.Checkpoint proofCheckpoint(List<Exported> records) {
        Checkpoints.Checkpoint newest = checkpoints.checkpoint().orElseThrow();
        long last = records.isEmpty() ? newest.position() : records.getLast().position();
        return timestamps.stampedFrom(last).flatMap(checkpoints::at).orElse(newest);
    }

    private List<Exported> exported(List<UUID> ids) {
        return jdbc.sql("select i.id, e.position, e.warc_file, e.warc_offset, e.warc_length,"
                        + " i.platform, i.source_id, i.version, i.author, coalesce(i.url, ''), i.said_at,"
                        + " i.payload_digest, i.collected_by, i.collected_from, i.collected_at, i.method"
                        + " from archive_item i join archive_entry e on e.position = i.position"
                        + " where i.id = any(?) order by e.position")
                .param(ids.toArray(UUID[]::new))
                .query((rs, row) -> new Exported(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getInt(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getTimestamp(11).toInstant(),
                        rs.getString(12),
                        rs.getString(13),
                        rs.getString(14),
                        rs.getTimestamp(15).toInstant(),
                        rs.getString(16)))
                .list();
    }

    private EvidenceReport report(
            List<Exported> records,
            Checkpoints.Checkpoint checkpoint,
            Optional<Timestamps.Stamp> stamp,
            Locale locale) {
        List<String> headers = new ArrayList<>();
        for (String column : List.of(
                "archive.record.position",
                "archive.field.platform",
                "archive.record.source-id",
                "archive.record.version",
                "archive.field.author",
                "archive.record.said-at",
                "archive.record.digest",
                "archive.record.collected")) {
            headers.add(messages.getMessage(column, null, locale));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Exported record : records) {
            rows.add(List.of(
                    Long.toString(record.position()),
                    record.platform(),
                    record.sourceId(),
                    Integer.toString(record.version()),
                    record.author(),
                    record.saidAt().toString(),
                    "sha256:" + record.digest(),
                    record.collectedBy() + ", " + record.collectedFrom() + ", " + record.method() + ", "
                            + record.collectedAt()));
        }
        String introduction = messages.getMessage(
                "archive.report.checkpoint",
                new Object[] {checkpoint.position(), checkpoint.signedAt().toString(), key.fingerprint()},
                locale);
        String stamped = stamp.map(it -> " "
                        + messages.getMessage(
                                "archive.report.timestamp",
                                new Object[] {it.authority(), it.stampedAt().toString()},
                                locale))
                .orElse("");
        return new EvidenceReport(
                messages.getMessage("archive.report.title", null, locale), introduction + stamped, headers, rows);
    }

    private static String html(EvidenceReport report, Locale locale) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"")
                .append(locale.getLanguage())
                .append("\"><head><meta charset=\"utf-8\"><title>")
                .append(HtmlUtils.htmlEscape(report.title()))
                .append("</title></head><body><h1>")
                .append(HtmlUtils.htmlEscape(report.title()))
                .append("</h1><p>")
                .append(HtmlUtils.htmlEscape(report.introduction()))
                .append("</p><table><thead><tr>");
        for (String header : report.headers()) {
            html.append("<th scope=\"col\">")
                    .append(HtmlUtils.htmlEscape(header))
                    .append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (List<String> row : report.rows()) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td>").append(HtmlUtils.htmlEscape(cell)).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table></body></html>\n").toString();
    }

    private byte[] bytes(Exported record) {
        try {
            return store.read(new WarcStore.Location(record.file(), record.offset(), record.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
