package io.backchannel.channels.internal.imports;

import io.backchannel.archive.CaptureKind;
import io.backchannel.channels.internal.LanguageTags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * LinkedIn's data export: {@code Shares.csv} (the account's posts) and {@code Comments.csv} (its comments), read row
 * by row with the columns named by the header; {@code Profile.csv}, read first, names the account. The archived
 * content of a row is the header line and the row as written, as {@code text/csv}.
 */
@Component
final class LinkedInExport implements ExportFormat {

    static final String PLATFORM = "linkedin";

    private static final Pattern SHARES = Pattern.compile("(?:^|.*/)Shares\\.csv");
    private static final Pattern COMMENTS = Pattern.compile("(?:^|.*/)Comments\\.csv");
    private static final Pattern PROFILE = Pattern.compile("(?:^|.*/)Profile\\.csv");
    private static final ExportFiles FILES = new ExportFiles(PROFILE, List.of(SHARES, COMMENTS));

    private static final String CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

    /** LinkedIn writes its dates as UTC without a zone. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]", Locale.ROOT);

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public boolean recognises(List<String> paths) {
        return FILES.recognises(paths);
    }

    @Override
    public ExportReader reader(ImportSink sink) {
        return new Reader(sink);
    }

    /** The columns of one file, by their lower-case names in the header. */
    private record Header(String line, Map<String, Integer> columns) {

        static Header of(CsvRows.Row row) {
            var columns = new HashMap<String, Integer>();
            for (int i = 0; i < row.fields().size(); i++) {
                columns.putIfAbsent(row.fields().get(i).strip().toLowerCase(Locale.ROOT), i);
            }
            return new Header(row.raw(), columns);
        }

        void require(String path, String... names) throws IOException {
            for (String name : names) {
                if (!columns.containsKey(name.toLowerCase(Locale.ROOT))) {
                    throw new IOException(path + ": the header has no column " + name);
                }
            }
        }

        String get(CsvRows.Row row, String name) {
            Integer index = columns.get(name.toLowerCase(Locale.ROOT));
            return index == null || index >= row.fields().size()
                    ? ""
                    : row.fields().get(index).strip();
        }
    }

    private static final class Reader extends ProfileFirstReader {

        Reader(ImportSink sink) {
            super(sink, FILES);
        }

        @Override
        public void read(String path, InputStream content) throws IOException {
            var decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            var rows = new CsvRows(new BufferedReader(new InputStreamReader(content, decoder)));
            CsvRows.Row first = nextRow(path, rows);
            if (first == null) {
                return;
            }
            Header header = Header.of(first);
            if (FILES.isProfile(path)) {
                CsvRows.Row profile = nextRow(path, rows);
                if (profile != null) {
                    account = (header.get(profile, "First Name") + " " + header.get(profile, "Last Name")).strip();
                }
                return;
            }
            boolean shares = SHARES.matcher(path).matches();
            if (shares) {
                header.require(path, "Date", "ShareLink", "ShareCommentary");
            } else {
                header.require(path, "Date", "Link", "Message");
            }
            var origin = new ImportOrigin(PLATFORM, path);
            for (CsvRows.Row row = nextRow(path, rows); row != null; row = nextRow(path, rows)) {
                String where = path + ":" + row.line();
                if (row.fields().size() != header.columns().size()) {
                    sink.reject(
                            where,
                            "channels.import.csv.columns",
                            row.fields().size(),
                            header.columns().size());
                } else if (shares) {
                    share(origin, where, header, row);
                } else {
                    comment(origin, where, header, row);
                }
            }
        }

        /** The next readable row; malformed ones are reported and skipped. */
        private CsvRows.@Nullable Row nextRow(String path, CsvRows rows) throws IOException {
            while (true) {
                try {
                    return rows.next();
                } catch (CsvRows.MalformedRow e) {
                    sink.reject(path + ":" + e.line(), e.reasonKey());
                }
            }
        }

        private void share(ImportOrigin origin, String where, Header header, CsvRows.Row row) {
            String link = header.get(row, "ShareLink");
            String text = ImportOrigin.withLinks(
                    header.get(row, "ShareCommentary"),
                    List.of(header.get(row, "SharedUrl"), header.get(row, "MediaUrl")));
            capture(origin, where, header, row, CaptureKind.OWN_POST, link, link, text);
        }

        /**
         * A comment's link may name the post it was written under rather than the comment itself, so without a
         * comment URN in it the time is added to tell two comments under one post apart.
         */
        private void comment(ImportOrigin origin, String where, Header header, CsvRows.Row row) {
            String link = header.get(row, "Link");
            String sourceId = link.contains("commentUrn") ? link : link + "#" + header.get(row, "Date");
            capture(origin, where, header, row, CaptureKind.COMMENT, sourceId, link, header.get(row, "Message"));
        }

        private void capture(
                ImportOrigin origin,
                String where,
                Header header,
                CsvRows.Row row,
                CaptureKind kind,
                String sourceId,
                String link,
                String text) {
            Instant saidAt = date(header.get(row, "Date"));
            if (saidAt == null) {
                sink.reject(where, "channels.import.bad-date", header.get(row, "Date"));
            } else if (link.isEmpty()) {
                sink.reject(where, "channels.import.no-id");
            } else if (text.isEmpty()) {
                sink.reject(where, "channels.import.empty");
            } else {
                sink.capture(origin.capture(
                        sourceId,
                        account,
                        account,
                        kind,
                        LanguageTags.primary(null, text),
                        saidAt,
                        link.startsWith("https://") ? link : null,
                        text,
                        CONTENT_TYPE,
                        (header.line() + "\r\n" + row.raw() + "\r\n").getBytes(StandardCharsets.UTF_8)));
            }
        }

        private static @Nullable Instant date(String value) {
            try {
                return LocalDateTime.parse(value, DATE).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException notIso) {
                    return null;
                }
            }
        }
    }
}
